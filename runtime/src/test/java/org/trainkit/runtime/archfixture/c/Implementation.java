package org.trainkit.runtime.archfixture.c;

import org.trainkit.runtime.archfixture.Contract;

/** Depends on the root package, which depends on it: a root ↔ c cycle. */
public class Implementation implements Contract {}
