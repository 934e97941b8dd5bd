package dev.flopcal.profiles;

import java.util.Optional;

import dev.flopcal.hardware.Cpu;
import dev.flopcal.hardware.Host;
import dev.flopcal.hardware.Microarchitecture;

/** The profile's description of a detected host. */
public final class Devices {
    private Devices() {
    }

    /** A CPU device (its clock is filled in by {@link CpuProfileBuilder}). */
    public static Device of(Host host, Optional<Microarchitecture> uarch) {
        Cpu cpu = host.cpu();
        return new Device("cpu", name(cpu.name(), uarch.map(Microarchitecture::shortName).orElse(""),
                cpu.logicalCores(), cpu.physicalCores(), cpu.virtualized()), cpu.vendor(), uarch.map(Microarchitecture::id).orElse(null),
                uarch.map(Microarchitecture::name).orElse(null),
                cpu.family() < 0 ? null : new Device.Cpuid(cpu.family(), cpu.model(), cpu.stepping()),
                cpu.physicalCores(), cpu.logicalCores(), cpu.packages(), null,
                cpu.caches().stream().map(c -> new Device.CacheInfo(c.level(), c.type(), c.sizeBytes(), c.lineBytes(),
                        c.associativity())).toList(),
                cpu.simdFeatures(), cpu.flags(), host.memoryBytes(), host.os(), cpu.virtualized(), null, null, null, null);
    }

    /**
     * The device's name: the OS's processor name, with what was detected added where that name is only a brand
     * without a model number (VMs often report "AMD EPYC" or "Intel(R) Xeon(R) Processor"), e.g.
     * "AMD EPYC (Zen 5, 2 vCPUs)"; a full name such as "AMD EPYC 9654 96-Core Processor" is kept as it is.
     *
     * @param osName       the processor name the OS gives
     * @param uarch        the microarchitecture's short name, or empty when not recognised
     * @param logicalCores hardware threads (vCPUs on a VM)
     * @param cores        physical cores
     * @param virtualized  true on a virtual machine
     */
    public static String name(String osName, String uarch, int logicalCores, int cores, boolean virtualized) {
        String brand = osName == null ? "" : osName.strip();
        if (brand.chars().anyMatch(Character::isDigit)) {
            return brand;
        }
        String count = virtualized ? logicalCores + " vCPU" + (logicalCores == 1 ? "" : "s")
                : cores + " core" + (cores == 1 ? "" : "s");
        String detected = (uarch.isEmpty() ? "" : uarch + ", ") + count;
        return brand.isEmpty() ? "CPU (" + detected + ")" : brand + " (" + detected + ")";
    }
}
