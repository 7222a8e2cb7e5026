#!/usr/bin/env python3
"""Reads a trainkit run's TensorBoard events with TensorBoard's own reader and compares every
scalar with the run's history.json.

    python3 -m venv /tmp/tb-venv && /tmp/tb-venv/bin/pip install tensorboard
    /tmp/tb-venv/bin/python runtime/src/test/python/check_tensorboard.py RUN_DIR
    /tmp/tb-venv/bin/python runtime/src/test/python/check_tensorboard.py --known-answer

RUN_DIR: prints one line per tag (points, steps) and exits 0 when every value of history.json
is in the events at its iteration (as float32, TensorBoard's simple_value), no tag or point is
extra, every file starts with file_version "brain.Event:2" and every record passes TensorBoard's
CRC checks; otherwise prints each difference and exits 1.

--known-answer: prints TensorBoard's RecordWriter framing of b"trainkit" in hex, the value
TensorBoardCallbackTest.framingMatchesTensorBoardsRecordWriter holds.
"""
import io
import json
import math
import os
import struct
import sys

import tensorboard
from tensorboard.backend.event_processing import event_accumulator
from tensorboard.backend.event_processing import event_file_loader


def known_answer():
    from tensorboard.summary.writer.record_writer import RecordWriter
    out = io.BytesIO()
    writer = RecordWriter(out)
    writer.write(b"trainkit")
    writer.flush()
    print(out.getvalue().hex())


def float32(value):
    return struct.unpack("<f", struct.pack("<f", value))[0]


def expected_scalars(history):
    """tag -> {step: value}, by the tag scheme of org.trainkit.runtime.tensorboard.ScalarTags."""
    expected = {}

    def put(tag, step, value):
        if value is None:  # NaN in history.json: no value
            return
        expected.setdefault(tag, {})[step] = float32(float(value))

    for it in history["iterations"]:
        step = it["iteration"]
        put("train/loss", step, it["trainLoss"])
        put("dev/loss", step, it["devLoss"])
        for name, value in it["metrics"].items():
            put("dev/" + name, step, value)
        put("learning_rate", step, it["learningRate"])
    return expected


def check_files(events_dir, problems):
    names = sorted(n for n in os.listdir(events_dir) if "tfevents" in n)
    for name in names:
        # the raw loader reads records through TensorBoard's record reader, which checks both CRCs
        events = list(event_file_loader.EventFileLoader(os.path.join(events_dir, name)).Load())
        if not events or events[0].file_version != "brain.Event:2":
            problems.append(f"{name}: first event is not file_version brain.Event:2")
        print(f"{name}: {len(events)} events")
    return names


def main(argv):
    if argv[1:] == ["--known-answer"]:
        known_answer()
        return 0
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    run = argv[1]
    events_dir = os.path.join(run, "tensorboard")
    with open(os.path.join(run, "history.json"), encoding="utf-8") as f:
        history = json.load(f)
    print(f"tensorboard {tensorboard.__version__}; run {run}: "
          f"{len(history['iterations'])} iterations in history.json")
    problems = []
    check_files(events_dir, problems)

    accumulator = event_accumulator.EventAccumulator(
        events_dir, size_guidance={event_accumulator.SCALARS: 0})  # 0: keep every point
    accumulator.Reload()
    actual_tags = set(accumulator.Tags()["scalars"])
    expected = expected_scalars(history)
    compared = 0
    for tag in sorted(set(expected) | actual_tags):
        if tag not in actual_tags:
            problems.append(f"{tag}: in history.json, not in the events")
            continue
        if tag not in expected:
            problems.append(f"{tag}: in the events, not in history.json")
            continue
        points = accumulator.Scalars(tag)
        steps = [p.step for p in points]
        if len(steps) != len(set(steps)):
            problems.append(f"{tag}: a step appears twice: {steps}")
        actual = {p.step: p.value for p in points}
        for step, value in expected[tag].items():
            got = actual.get(step)
            if got is None or not (got == value or (math.isnan(got) and math.isnan(value))):
                problems.append(f"{tag} step {step}: history.json {value!r}, events {got!r}")
            compared += 1
        for step in sorted(set(actual) - set(expected[tag])):
            problems.append(f"{tag} step {step}: in the events, not in history.json")
        print(f"{tag}: {len(points)} points, steps {steps[0]}..{steps[-1]}")
    for p in problems:
        print("MISMATCH " + p)
    print(f"{compared} scalars compared, {len(problems)} mismatches")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
