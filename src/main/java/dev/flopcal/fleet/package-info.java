/**
 * Fleet calibration: one calibration per node of a cluster, through the cluster's batch scheduler (Slurm), and the
 * fleet report that compares the nodes and names the slow ones. Sits above {@code calibration} (each node runs
 * {@code calibrate} on itself) and below {@code estimation} and {@code reporting} (which render the report).
 */
package dev.flopcal.fleet;
