package dev.flopcal.measurement;

/**
 * What a finished step reported, for progress output.
 *
 * @param step        the step
 * @param score       rate, per second (FLOP/s, op/s or bytes/s)
 * @param error       99.9% confidence half-width, per second (NaN when unknown)
 * @param busy        fraction of the machine's hardware threads busy during the step (0..1); compare with
 *                    threads / hardware threads to spot other load
 * @param steal       fraction of the machine's hardware threads' time the hypervisor gave to other guests during the
 *                    step (0..1; 0 where the OS does not report it)
 * @param seconds     wall-clock seconds the step took, fork start-up included
 * @param note        a line the harness printed about itself (the native BLAS core), or null
 */
public record StepResult(Step step, double score, double error, double busy, double steal, double seconds,
                         String note) {

    /**
     * Steal from which a step counts as disturbed by the hypervisor: its progress line says so and the profile gets
     * a note.
     */
    public static final double NOTICEABLE_STEAL = 0.05;

    /** Whether the hypervisor took at least {@link #NOTICEABLE_STEAL} of the CPU during the step. */
    public boolean noticeableSteal() {
        return steal >= NOTICEABLE_STEAL;
    }

    /** error / score, NaN when unknown. */
    public double relativeError() {
        return error / score;
    }
}
