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
        return new Device("cpu", cpu.name(), cpu.vendor(), uarch.map(Microarchitecture::id).orElse(null),
                uarch.map(Microarchitecture::name).orElse(null),
                cpu.family() < 0 ? null : new Device.Cpuid(cpu.family(), cpu.model(), cpu.stepping()),
                cpu.physicalCores(), cpu.logicalCores(), cpu.packages(), null,
                cpu.caches().stream().map(c -> new Device.CacheInfo(c.level(), c.type(), c.sizeBytes(), c.lineBytes(),
                        c.associativity())).toList(),
                cpu.simdFeatures(), cpu.flags(), host.memoryBytes(), host.os(), cpu.virtualized(), null, null, null, null);
    }
}
