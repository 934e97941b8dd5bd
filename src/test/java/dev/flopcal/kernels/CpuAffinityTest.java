package dev.flopcal.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.BitSet;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

class CpuAffinityTest {

    @Test
    @EnabledOnOs(OS.LINUX)
    void aThreadPinnedToOneAllowedCpuReportsOnlyThatCpu() throws InterruptedException {
        BitSet allowed = CpuAffinity.get().orElseThrow();
        int last = allowed.length() - 1;
        AtomicReference<BitSet> seen = new AtomicReference<>();
        Thread t = new Thread(() -> {
            if (CpuAffinity.pin(last)) {
                seen.set(CpuAffinity.get().orElseThrow());
            }
        });
        t.start();
        t.join();
        BitSet expected = new BitSet();
        expected.set(last);
        assertEquals(expected, seen.get());
        assertEquals(allowed, CpuAffinity.get().orElseThrow(), "other threads keep their CPUs");
    }

    @Test
    void anEmptySetIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CpuAffinity.set(new BitSet()));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
    }
}
