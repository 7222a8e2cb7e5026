/**
 * What made a run: {@code provenance.json} in its run directory, one entry when it starts and one
 * per resume — the command line, the trainable class, trainkit, DJL, libtorch and Java versions,
 * the machine (OS, CPU, GPU), torch threads, the seed and each data file's path, size,
 * modification time and SHA-256. Reports show it; {@code compare} and sweep tables list the
 * fields that differ between runs. Anchors: Tribuo's provenance, MLflow's run metadata.
 */
package org.trainkit.runtime.provenance;
