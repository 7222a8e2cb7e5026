package com.example.tagging;

/** A word and its tag. */
public record Token(String word, int tag) {}
