package dev.flopcal.estimation;

/**
 * The compute-optimal model size and token count for a training budget, after Hoffmann et al. 2022
 * (Training Compute-Optimal Large Language Models, "Chinchilla"): parameters and tokens grow together, with
 * about 20 tokens per parameter. With C = 6·N·D and D = 20·N, C = 120·N², so N = sqrt(C / 120).
 *
 * <p>Check against the paper: C = 5.76e23 FLOPs gives N = 6.9e10 and D = 1.39e12, Chinchilla's 70B parameters
 * and 1.4T tokens.
 *
 * @param flops the training budget in FLOPs
 * @param params compute-optimal parameters (a count)
 * @param tokens compute-optimal training tokens (a count), 20 × params
 */
public record ComputeOptimal(double flops, double params, double tokens) {
    /** Tokens per parameter at the Chinchilla optimum (Hoffmann et al. 2022, table 3 and section 3). */
    public static final double TOKENS_PER_PARAM = 20;

    /** Source of the rule, for printed assumptions. */
    public static final String SOURCE = "Hoffmann et al. 2022 (Chinchilla): D = 20·N at the compute optimum, so with C = 6·N·D,"
            + " N = sqrt(C/120)";

    /**
     * The Chinchilla-optimal split of a FLOP budget.
     *
     * @param flops training FLOPs, finite and &gt; 0
     */
    public static ComputeOptimal chinchilla(double flops) {
        Checks.positive("flops", flops);
        double params = Math.sqrt(flops / (6 * TOKENS_PER_PARAM));
        return new ComputeOptimal(flops, params, TOKENS_PER_PARAM * params);
    }
}
