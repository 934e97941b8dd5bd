package dev.flopcal.hardware;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import oshi.SystemInfo;
import oshi.hardware.CentralProcessor.ProcessorCache;
import oshi.hardware.CentralProcessor;
import oshi.software.os.OperatingSystem;

/** Detects the host with OSHI: processor identity, cores, clocks, caches, flags, OS and memory. */
public final class HostDetector {
    private HostDetector() {
    }

    /** Reads the host now; takes a few hundred milliseconds the first time (OSHI initialisation). */
    public static Host detect() {
        SystemInfo si = new SystemInfo();
        CentralProcessor p = si.getHardware().getProcessor();
        CentralProcessor.ProcessorIdentifier id = p.getProcessorIdentifier();

        List<Cache> caches = new ArrayList<>();
        for (ProcessorCache c : p.getProcessorCaches()) {
            caches.add(new Cache(c.getLevel(), c.getType().name().toLowerCase(Locale.ROOT), c.getCacheSize(),
                    c.getLineSize(), c.getAssociativity()));
        }
        caches.sort((a, b) -> a.level() != b.level() ? Integer.compare(a.level(), b.level()) : a.type().compareTo(b.type()));

        long maxFreq = p.getMaxFreq();
        double maxClock = maxFreq > 0 ? maxFreq : id.getVendorFreq() > 0 ? id.getVendorFreq() : Double.NaN;
        double reported = Arrays.stream(p.getCurrentFreq()).filter(f -> f > 0).max().orElse(-1);

        Cpu cpu = new Cpu(id.getVendor(), id.getName().trim(), parseInt(id.getFamily()), parseInt(id.getModel()),
                parseInt(id.getStepping()), id.getProcessorID(), p.getPhysicalProcessorCount(),
                p.getLogicalProcessorCount(), p.getPhysicalPackageCount(), maxClock,
                reported > 0 ? reported : Double.NaN, caches, flags(p.getFeatureFlags()));
        String cachesBasis = null;
        if (caches.isEmpty()) {
            List<Cache> fromLibc = LibcCaches.read();
            List<Cache> adjusted = LibcCaches.adjustL3(fromLibc, cpu, Microarchitectures.of(cpu));
            cpu = cpu.withCaches(adjusted);
            cachesBasis = cachesBasis(fromLibc, adjusted, cpu);
        }

        OperatingSystem os = si.getOperatingSystem();
        String jdk = Runtime.version() + " (" + System.getProperty("java.vm.vendor") + " "
                + System.getProperty("java.vm.name") + ")";
        return new Host(cpu, os.toString(), si.getHardware().getMemory().getTotal(), jdk, cachesBasis);
    }

    /** Where caches come from when the OS lists none, in words for the profile's notes. */
    static String cachesBasis(List<Cache> fromLibc, List<Cache> adjusted, Cpu cpu) {
        if (fromLibc.isEmpty()) {
            return "The OS lists no caches and the C library reports none: the GEMM blocking assumes a 32 KiB L1 and a"
                    + " 1 MiB L2, and the bandwidth sweep's working sets cannot be assigned to cache levels.";
        }
        String text = "The OS lists no caches (OSHI reads /sys/devices/system/cpu/cpu0/cache): their sizes come from"
                + " CPUID through the C library's sysconf";
        if (!fromLibc.equals(adjusted)) {
            long reported = fromLibc.stream().filter(c -> c.level() == 3).mapToLong(Cache::sizeBytes).findFirst().orElse(0);
            long used = cpu.dataCacheBytes(3).orElse(0L);
            text += ", except the L3, for which it reports the package's " + mib(reported) + " (CPUID 0x80000006);"
                    + " the " + mib(used) + " one core shares with its core complex are from flopcal's"
                    + " microarchitecture table";
        }
        return text + ".";
    }

    private static String mib(long bytes) {
        return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MiB" : String.format(Locale.ROOT, "%.1f MiB",
                bytes / (1024.0 * 1024));
    }

    /**
     * Parses the OS's flag lines ("flags : fpu vme ..." on x86 Linux, "Features : fp asimd ..." on Arm Linux,
     * bare lists elsewhere) into one sorted, de-duplicated, lower-case list.
     */
    static List<String> flags(List<String> lines) {
        java.util.TreeSet<String> out = new java.util.TreeSet<>();
        for (String line : lines) {
            String list = line.contains(":") ? line.substring(line.indexOf(':') + 1) : line;
            for (String f : list.trim().split("[\\s,]+")) {
                if (!f.isBlank()) {
                    out.add(f.toLowerCase(Locale.ROOT));
                }
            }
        }
        return List.copyOf(out);
    }

    private static int parseInt(String s) {
        if (s == null || s.isBlank()) {
            return -1;
        }
        String t = s.trim();
        try {
            return t.startsWith("0x") || t.startsWith("0X") ? Integer.parseInt(t.substring(2), 16) : Integer.parseInt(t);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
