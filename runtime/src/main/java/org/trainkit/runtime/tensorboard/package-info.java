/**
 * TensorBoard event files for a run's scalars: add a {@link
 * org.trainkit.runtime.tensorboard.TensorBoardCallback} to a trainer's callbacks and each
 * iteration's losses, dev metrics and learning rate go to {@code <run>/tensorboard/events.out.
 * tfevents.<seconds>.<host>}, on disk as each iteration ends; {@code tensorboard --logdir runs/}
 * then shows them (each run as {@code <run>/tensorboard}). Tags: {@link
 * org.trainkit.runtime.tensorboard.ScalarTags}.
 *
 * <p>Encoding: the messages are TensorBoard's own {@code Event} and {@code Summary} (a subset of
 * {@code tensorboard/compat/proto/event.proto} and {@code summary.proto}, Apache-2.0, original
 * field numbers) in {@code src/main/protobuf/tensorboard/}. Their Java classes, in {@code
 * org.trainkit.runtime.tensorboard.proto}, are generated at build time by
 * io.github.ascopes:protobuf-maven-plugin with the protoc of {@code protobuf.version} (parent
 * pom), resolved from Maven Central like any dependency; nothing generated is committed. Records
 * are framed as TFRecords ({@link org.trainkit.runtime.tensorboard.TfRecords}).
 *
 * <p>Checked against TensorBoard itself by {@code runtime/src/test/python/check_tensorboard.py}
 * (reads a run with TensorBoard's event reader and compares every scalar with {@code
 * history.json}); CI runs the Java test only.
 */
package org.trainkit.runtime.tensorboard;
