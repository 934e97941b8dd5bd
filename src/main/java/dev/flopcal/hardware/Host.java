package dev.flopcal.hardware;

/**
 * The machine a calibration runs on.
 *
 * @param cpu         the processor
 * @param os          operating system name and version, e.g. "Debian GNU/Linux 12 (bookworm) build 6.1.0"
 * @param memoryBytes physical memory, bytes
 * @param jdk         the running JDK, e.g. "25.0.3+9-LTS (Eclipse Adoptium OpenJDK 64-Bit Server VM)"
 * @param cachesBasis where the cache sizes come from when the OS does not list them, in words; null when it does
 */
public record Host(Cpu cpu, String os, long memoryBytes, String jdk, String cachesBasis) {

    /** A host whose OS lists its caches. */
    public Host(Cpu cpu, String os, long memoryBytes, String jdk) {
        this(cpu, os, memoryBytes, jdk, null);
    }
}
