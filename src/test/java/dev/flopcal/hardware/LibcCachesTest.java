package dev.flopcal.hardware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class LibcCachesTest {
    // what glibc 2.36's sysconf reported on the Zen 5 VM (getconf -a agrees): L3 is CPUID 0x80000006's, the package's
    private static final List<Cache> ZEN5_SYSCONF = List.of(new Cache(1, "data", 49152, 64, 12),
            new Cache(1, "instruction", 32768, 64, 0), new Cache(2, "unified", 1048576, 64, 8),
            new Cache(3, "unified", 532676608, 64, 0));

    @Test
    void theTableGivesZen5TheL3OfOneCcd() {
        assertEquals(32L << 20, Microarchitectures.all().stream().filter(u -> u.id().equals("amd-zen5")).findFirst()
                .orElseThrow().l3BytesPerComplex());
        assertTrue(Microarchitectures.all().stream().filter(u -> u.id().startsWith("intel-"))
                .allMatch(u -> u.l3BytesPerComplex() == 0), "Intel rows keep the L3 the OS or CPUID reports");
    }

    @Test
    void anAmdPackageL3IsReplacedByThatOfOneCoreComplex() {
        Cpu cpu = TestHosts.zen5Vm(List.of());
        List<Cache> adjusted = LibcCaches.adjustL3(ZEN5_SYSCONF, cpu, Microarchitectures.of(cpu));
        assertEquals(ZEN5_SYSCONF.subList(0, 3), adjusted.subList(0, 3));
        assertEquals(new Cache(3, "unified", 32L << 20, 64, 0), adjusted.get(3));
        String basis = HostDetector.cachesBasis(ZEN5_SYSCONF, adjusted, cpu.withCaches(adjusted));
        assertTrue(basis.contains("package's 508 MiB") && basis.contains("the 32 MiB one core shares"), basis);
    }

    @Test
    void intelCachesAndSmallerAmdL3sAreKept() {
        Cpu intel = TestHosts.emeraldRapidsVm();
        assertEquals(intel.caches(), LibcCaches.adjustL3(intel.caches(), intel, Microarchitectures.of(intel)));
        List<Cache> small = List.of(new Cache(3, "unified", 16L << 20, 64, 16));
        Cpu zen5 = TestHosts.zen5Vm(small);
        assertEquals(small, LibcCaches.adjustL3(small, zen5, Microarchitectures.of(zen5)));
        String basis = HostDetector.cachesBasis(small, small, zen5);
        assertTrue(basis.endsWith("sysconf."), basis);
    }

    @Test
    void noCachesAnywhereSaysWhatTheBlockingAssumes() {
        assertTrue(HostDetector.cachesBasis(List.of(), List.of(), TestHosts.zen5Vm(List.of())).contains("32 KiB L1"));
    }
}
