package dev.flopcal.hardware;

import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;

/**
 * Samples how busy the machine is: the fraction of all hardware threads busy since the previous sample, and the
 * load average. A calibration records both so that a reader can tell a quiet run from a noisy one.
 */
public final class LoadMonitor {
    private final CentralProcessor processor = new SystemInfo().getHardware().getProcessor();
    private long[] ticks = processor.getSystemCpuLoadTicks();

    /** Fraction (0..1) of all hardware threads busy since the last call (or since construction). */
    public double busySinceLastSample() {
        double busy = processor.getSystemCpuLoadBetweenTicks(ticks);
        ticks = processor.getSystemCpuLoadTicks();
        return busy;
    }

    /** The 1-minute load average, NaN where the OS has none. */
    public double loadAverage1m() {
        double[] avg = processor.getSystemLoadAverage(1);
        return avg.length > 0 && avg[0] >= 0 ? avg[0] : Double.NaN;
    }
}
