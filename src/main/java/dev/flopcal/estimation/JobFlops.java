package dev.flopcal.estimation;

/**
 * The FLOPs of the job: given with {@code --flops}, or counted from the model and tokens by {@link Workload}.
 *
 * @param mode what the job does per token
 * @param workload the model and tokens, null when {@code --params} was not given
 * @param flops total FLOPs, null when only a duration was given
 * @param formula how {@code flops} was obtained, printed with the estimate
 */
record JobFlops(WorkloadMode mode, Workload workload, Double flops, String formula) {

    /** The FLOPs of a checked request's job. */
    static JobFlops of(EstimateRequest.Job job) {
        WorkloadMode mode = job.modeOrDefault();
        Workload workload = job.params() == null ? null : new Workload(mode, job.params(),
                job.activeParams() == null ? Double.NaN : job.activeParams(), job.tokens(), orZero(job.layers()),
                orZero(job.dModel()), orZero(job.seqLen()), Boolean.TRUE.equals(job.recompute()));
        Double flops = job.flops() != null ? job.flops() : workload != null ? workload.flops() : null;
        String formula = job.flops() != null ? "given (--flops)" : workload != null ? workload.formula()
                : "not given: the duration was given directly";
        return new JobFlops(mode, workload, flops, formula);
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }
}
