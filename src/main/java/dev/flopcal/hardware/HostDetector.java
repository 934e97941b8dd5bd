package dev.flopcal.hardware;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.hardware.CentralProcessor.ProcessorCache;
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

        OperatingSystem os = si.getOperatingSystem();
        String jdk = Runtime.version() + " (" + System.getProperty("java.vm.vendor") + " "
                + System.getProperty("java.vm.name") + ")";
        return new Host(cpu, os.toString(), si.getHardware().getMemory().getTotal(), jdk);
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
