/**
 * Sweeps: a grid of configurations × seeds, each a normal run directory, planned first ({@code
 * sweep.yaml}), run by child JVMs ({@code train} of the same entry point, N at once), resumable,
 * and aggregated into {@code sweep.csv}, {@code sweep.md} and {@code sweep.html}: mean ± sample
 * standard deviation over the finished seeds of each grid point.
 */
package org.trainkit.runtime.sweep;
