package dev.flopcal.hardware;

import oshi.SystemInfo;
import oshi.hardware.CentralProcessor.TickType;
import oshi.hardware.CentralProcessor;

/**
 * Samples how busy the machine is: the fraction of all hardware threads busy since the previous sample, the
 * fraction the hypervisor took (steal time), and the load average. A calibration records them so that a reader
 * can tell a quiet run from a noisy one.
 *
 * <p>Why steal: on the shared 2-vCPU development VM, 200 ms slices of a 2-thread kernel now and then ran at 1-5% of
 * their usual rate with nothing else running in the guest; the guest's steal counter grew by 1.9 s during one
 * such 25 s run (about 4% of the 50 CPU-seconds), in bursts. Load averages and busy fractions do not show it.
 */
public final class LoadMonitor {
    private final CentralProcessor processor = new SystemInfo().getHardware().getProcessor();
    private final long[] first = processor.getSystemCpuLoadTicks();
    private long[] ticks = first;

    /**
     * CPU use over an interval, each a fraction (0..1) of all hardware threads' time.
     *
     * @param busy  not idle (steal included: time the hypervisor gave to others is not this machine's idle time)
     * @param steal taken by the hypervisor for other guests; 0 where the OS does not report it
     */
    public record Usage(double busy, double steal) {
    }

    /** Use since the last call (or since construction). */
    public Usage sinceLastSample() {
        long[] now = processor.getSystemCpuLoadTicks();
        Usage u = between(ticks, now);
        ticks = now;
        return u;
    }

    /** Use since construction. */
    public Usage sinceStart() {
        return between(first, processor.getSystemCpuLoadTicks());
    }

    /** The 1-minute load average, NaN where the OS has none. */
    public double loadAverage1m() {
        double[] avg = processor.getSystemLoadAverage(1);
        return avg.length > 0 && avg[0] >= 0 ? avg[0] : Double.NaN;
    }

    /**
     * Use between two readings of OSHI's system tick counters (indexed by {@link TickType#getIndex()}); zero when no
     * tick passed.
     */
    static Usage between(long[] before, long[] after) {
        long total = 0;
        for (TickType t : TickType.values()) {
            total += after[t.getIndex()] - before[t.getIndex()];
        }
        if (total <= 0) {
            return new Usage(0, 0);
        }
        long idle = delta(before, after, TickType.IDLE) + delta(before, after, TickType.IOWAIT);
        return new Usage(clamp((total - idle) / (double) total),
                clamp(delta(before, after, TickType.STEAL) / (double) total));
    }

    private static long delta(long[] before, long[] after, TickType t) {
        return after[t.getIndex()] - before[t.getIndex()];
    }

    private static double clamp(double v) {
        return Math.clamp(v, 0.0, 1.0);
    }
}
