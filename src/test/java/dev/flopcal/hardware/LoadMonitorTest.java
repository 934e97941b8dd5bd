package dev.flopcal.hardware;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import oshi.hardware.CentralProcessor.TickType;

class LoadMonitorTest {

    private static long[] ticks(long user, long system, long idle, long iowait, long steal) {
        long[] t = new long[TickType.values().length];
        t[TickType.USER.getIndex()] = user;
        t[TickType.SYSTEM.getIndex()] = system;
        t[TickType.IDLE.getIndex()] = idle;
        t[TickType.IOWAIT.getIndex()] = iowait;
        t[TickType.STEAL.getIndex()] = steal;
        return t;
    }

    @Test
    void busyAndStealAreSharesOfAllTicksBetweenTwoReadings() {
        long[] before = ticks(1000, 100, 5000, 10, 7);
        // 200 ticks pass: 120 user, 20 system, 40 idle, 0 iowait, 20 stolen by the hypervisor
        long[] after = ticks(1120, 120, 5040, 10, 27);
        LoadMonitor.Usage u = LoadMonitor.between(before, after);
        assertEquals(0.8, u.busy(), 1e-12);
        assertEquals(0.1, u.steal(), 1e-12);
    }

    @Test
    void waitingForIoCountsAsIdleAndNoTicksMeansNoUse() {
        LoadMonitor.Usage u = LoadMonitor.between(ticks(0, 0, 0, 0, 0), ticks(50, 0, 25, 25, 0));
        assertEquals(0.5, u.busy(), 1e-12);
        assertEquals(0.0, u.steal(), 1e-12);
        long[] same = ticks(5, 5, 5, 5, 5);
        assertEquals(new LoadMonitor.Usage(0, 0), LoadMonitor.between(same, same));
    }
}
