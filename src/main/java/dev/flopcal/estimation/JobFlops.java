package dev.flopcal.estimation;

/**
 * The FLOPs of the job: given with {@code --flops}, or counted from the model and tokens by {@link Workload}. For
 * inference the tokens counted are the generated ones plus the {@code --prompt-tokens}.
 *
 * @param mode          what the job does per token
 * @param workload      the model and tokens, null when {@code --params} was not given
 * @param flops         total model FLOPs, null when only a duration was given
 * @param hardwareFlops total hardware FLOPs (with recompute: one more forward pass), null when {@code flops} is
 * @param formula       how {@code flops} was obtained, printed with the estimate
 */
record JobFlops(WorkloadMode mode, Workload workload, Double flops, Double hardwareFlops, String formula) {

    /** The FLOPs of a checked request's job. */
    static JobFlops of(EstimateRequest.Job job, EstimateRequest.Inference inference) {
        WorkloadMode mode = job.modeOrDefault();
        double prompt = mode == WorkloadMode.INFERENCE && inference.promptTokens() != null ? inference.promptTokens() : 0;
        Workload workload = job.params() == null ? null : new Workload(mode, job.params(),
                job.activeParams() == null ? Double.NaN : job.activeParams(), job.tokens() + prompt,
                orZero(job.layers()), orZero(job.dModel()), orZero(job.seqLen()), Boolean.TRUE.equals(job.recompute()));
        if (job.flops() != null) {
            return new JobFlops(mode, null, job.flops(), job.flops(), "given (--flops)");
        }
        if (workload == null) {
            return new JobFlops(mode, null, null, null, "not given: the duration was given directly");
        }
        String formula = workload.formula() + (prompt > 0 ? " over the generated tokens and the --prompt-tokens" : "");
        return new JobFlops(mode, workload, workload.flops(), workload.hardwareFlops(), formula);
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }
}
