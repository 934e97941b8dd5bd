package dev.flopcal.hardware;

/**
 * One level of the CPU cache hierarchy as the operating system reports it.
 *
 * @param level         1, 2, 3 (or 4)
 * @param type          "data", "instruction" or "unified"
 * @param sizeBytes     capacity of one instance (per core for L1/L2 on current CPUs), bytes
 * @param lineBytes     cache line size, bytes
 * @param associativity ways, 0 if not reported
 */
public record Cache(int level, String type, long sizeBytes, int lineBytes, int associativity) {
}
