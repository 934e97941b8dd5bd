package dev.flopcal.estimation;

/**
 * Checkpoint/restart arithmetic for a synchronous training job, in wall-clock hours.
 *
 * <p>Every interruption (a device failure, or a reclaimed spot instance) stops the whole job, which restarts
 * from its last checkpoint. Per interruption the job loses on average half a checkpoint interval of work plus
 * the restart time; writing a checkpoint stalls the job for its write time once per interval. Per hour of
 * useful work the job therefore loses, to first order (Young 1974),
 * <pre>
 *   lost fraction = C/τ + (τ/2 + R) · λ
 * </pre>
 * with C the checkpoint write time, τ the checkpoint interval, R the restart time and λ the job's
 * interruption rate (1 / job MTBF). Minimizing over τ gives Young's interval τ* = sqrt(2·C·MTBF), which Daly
 * (2006, "A higher order estimate of the optimum checkpoint interval for restart dumps") showed accurate while
 * C is much smaller than the MTBF. The first-order model itself holds while τ + R is much smaller than the
 * MTBF; the estimator refuses inputs whose lost fraction reaches 1 (the run would never finish).
 *
 * @param checkpointWriteHours C, time the job stalls per checkpoint, &gt;= 0 (0: asynchronous checkpoints)
 * @param restartHours R, time from an interruption to training again (detection, rescheduling, reload), &gt;= 0
 * @param failuresPerHour job interruptions per wall-clock hour from device failures: devices / device MTBF
 * @param spotInterruptionsPerHour job interruptions per wall-clock hour from reclaimed spot instances (0 off spot)
 * @param checkpointIntervalHours τ, wall-clock hours between checkpoints, &gt; 0 (0 only with C = 0: checkpointing
 *     continuously, or the interval unknown and the loss counted as the restart time alone)
 */
public record FailureModel(double checkpointWriteHours, double restartHours, double failuresPerHour,
        double spotInterruptionsPerHour, double checkpointIntervalHours) {

    /**
     * Young's optimal checkpoint interval sqrt(2·C·MTBF), in hours.
     *
     * @param checkpointWriteHours C, &gt; 0
     * @param mtbfHours the job's mean time between interruptions, &gt; 0 (may be infinite: then so is the result)
     */
    public static double youngDalyIntervalHours(double checkpointWriteHours, double mtbfHours) {
        return Math.sqrt(2 * checkpointWriteHours * mtbfHours);
    }

    /** All interruptions per wall-clock hour. */
    public double interruptionsPerHour() {
        return failuresPerHour + spotInterruptionsPerHour;
    }

    /** The job's mean time between interruptions of any kind in hours (infinite when none). */
    public double jobMtbfHours() {
        return 1 / interruptionsPerHour();
    }

    /** Hours lost per interruption: τ/2 + R. */
    public double lostHoursPerInterruption() {
        return checkpointIntervalHours / 2 + restartHours;
    }

    /** Time spent writing checkpoints per hour of useful work: C/τ (0 when C is 0, whatever τ). */
    public double checkpointWriteFraction() {
        return checkpointWriteHours == 0 ? 0 : checkpointWriteHours / checkpointIntervalHours;
    }

    /** Time lost to device failures per hour of useful work. */
    public double failureLostFraction() {
        return failuresPerHour * lostHoursPerInterruption();
    }

    /** Time lost to spot interruptions per hour of useful work. */
    public double spotLostFraction() {
        return spotInterruptionsPerHour * lostHoursPerInterruption();
    }

    /** Sum of the three fractions above. */
    public double totalLostFraction() {
        return checkpointWriteFraction() + failureLostFraction() + spotLostFraction();
    }
}
