package dev.flopcal.estimation;

import java.util.Locale;

import dev.flopcal.core.InvalidInputException;

/**
 * A job described by its model size and token count, and the floating-point operations it needs.
 *
 * <h2>FLOPs per token</h2>
 * With N the parameters touched per token (the active parameters of a mixture-of-experts model, all
 * parameters of a dense one) and, when the architecture is given, L layers of width d over sequences of T
 * tokens:
 * <pre>
 *   training   6·N + 12·L·d·T     forward 2·N, backward 4·N (activation and weight gradients)
 *   lora       4·N + 12·L·d·T     forward 2·N, backward 2·N (activation gradients only)
 *   inference  2·N +  4·L·d·T     forward only
 *   recompute  adds one forward pass to the hardware FLOPs: + 2·N + 4·L·d·T
 * </pre>
 * These are <b>model FLOPs</b>: what the model needs, whatever the implementation executes. Activation
 * recomputation executes one more forward pass; those <b>hardware FLOPs</b> ({@link #hardwareFlops()}) differ from
 * the model FLOPs only with {@code recompute} (see {@link UtilizationKind}).
 * <ul>
 *   <li>6·N per token for dense training is Kaplan et al. 2020 (Scaling Laws for Neural Language Models,
 *       section 2.1) and Hoffmann et al. 2022 (Chinchilla); 2·N for inference is the forward-pass half of it.</li>
 *   <li>The attention term is PaLM's (Chowdhery et al. 2022, appendix B): the two attention matrix products
 *       (Q·K^T and scores·V) cost 2·T·d FLOPs each per token and layer in the forward pass, 4·L·d·T in all;
 *       the backward pass doubles it (both operands are activations, so both need gradients): 12·L·d·T for
 *       training. As in PaLM, causal masking is not subtracted.</li>
 *   <li>LoRA (Hu et al. 2021): the base weights are frozen, so the backward pass still propagates activation
 *       gradients through every layer (2·N) but computes no weight gradients (the other 2·N); the adapters
 *       themselves (rank r &lt;&lt; d, typically under 1% of N) are neglected. Attention has no weights, so its
 *       term is unchanged. The 4·N figure is therefore an upper bound on the saving: Hu et al. report a 25%
 *       training speed-up over full fine-tuning of GPT-3 175B, against the 33% fewer FLOPs counted here.</li>
 *   <li>Recompute (activation checkpointing) re-runs the forward pass during the backward pass: 8·N hardware FLOPs
 *       for training, as Megatron-LM's hardware-FLOPs accounting counts it (Narayanan et al. 2021); the model
 *       FLOPs stay 6·N (Chowdhery et al. 2022, appendix B).</li>
 * </ul>
 *
 * @param mode what the job does per token
 * @param params total parameters (a count, &gt; 0); used for checkpoint size
 * @param activeParams parameters active per token (mixture-of-experts), {@code NaN} for a dense model; &lt;= params
 * @param tokens tokens processed (a count, &gt; 0): training tokens, or prompt plus generated tokens for inference
 * @param layers transformer layers, 0 when the architecture is not given
 * @param dModel model width d (hidden size), 0 when not given
 * @param seqLen sequence length T in tokens, 0 when not given
 * @param recompute true when activations are recomputed: one more forward pass of hardware FLOPs; not allowed for
 *     inference
 */
public record Workload(WorkloadMode mode, double params, double activeParams, double tokens, int layers, int dModel,
        int seqLen, boolean recompute) {

    public Workload {
        Checks.positive("params", params);
        Checks.positive("tokens", tokens);
        if (!Double.isNaN(activeParams)) {
            Checks.positive("activeParams", activeParams);
            if (activeParams > params) {
                throw new InvalidInputException("--active-params " + Checks.show(activeParams) + " is more than --params "
                        + Checks.show(params) + ": active parameters are a subset of all parameters");
            }
        }
        boolean any = layers != 0 || dModel != 0 || seqLen != 0;
        boolean all = layers > 0 && dModel > 0 && seqLen > 0;
        if (any && !all) {
            throw new InvalidInputException("the attention term needs all of --layers, --d-model and --seq-len as whole numbers"
                    + " of at least 1; got --layers " + layers + ", --d-model " + dModel + ", --seq-len " + seqLen);
        }
        if (recompute && mode == WorkloadMode.INFERENCE) {
            throw new InvalidInputException("--recompute applies to training, not to --mode inference");
        }
    }

    /** Dense training of {@code params} parameters on {@code tokens} tokens: 6·N·D. */
    public static Workload training(double params, double tokens) {
        return new Workload(WorkloadMode.TRAINING, params, Double.NaN, tokens, 0, 0, 0, false);
    }

    /** A copy with a different mode. */
    public Workload withMode(WorkloadMode newMode) {
        return new Workload(newMode, params, activeParams, tokens, layers, dModel, seqLen, recompute);
    }

    /** A copy for a mixture-of-experts model with this many active parameters per token ({@code NaN}: dense). */
    public Workload withActiveParams(double active) {
        return new Workload(mode, params, active, tokens, layers, dModel, seqLen, recompute);
    }

    /** A copy that includes the attention term for this architecture. */
    public Workload withArchitecture(int newLayers, int newDModel, int newSeqLen) {
        return new Workload(mode, params, activeParams, tokens, newLayers, newDModel, newSeqLen, recompute);
    }

    /** A copy with or without activation recomputation. */
    public Workload withRecompute(boolean newRecompute) {
        return new Workload(mode, params, activeParams, tokens, layers, dModel, seqLen, newRecompute);
    }

    /** Parameters touched per token: the active parameters when given, else all parameters. */
    public double paramsPerToken() {
        return Double.isNaN(activeParams) ? params : activeParams;
    }

    /** True when layers, width and sequence length were given, so the attention term is counted. */
    public boolean hasArchitecture() {
        return layers > 0;
    }

    /** Model FLOPs per parameter per token: 6, 4 or 2. */
    public int paramFactor() {
        return switch (mode) {
            case TRAINING -> 6;
            case ADAPTER -> 4;
            case INFERENCE -> 2;
        };
    }

    /** Hardware FLOPs per parameter per token: {@link #paramFactor()}, plus 2 with recompute. */
    public int hardwareParamFactor() {
        return paramFactor() + (recompute ? 2 : 0);
    }

    /** The factor k of the attention term k·L·d·T of the model FLOPs: 12 or 4; 0 without an architecture. */
    public int attentionFactor() {
        if (!hasArchitecture()) {
            return 0;
        }
        return mode == WorkloadMode.INFERENCE ? 4 : 12;
    }

    /** The attention factor of the hardware FLOPs: {@link #attentionFactor()}, plus 4 with recompute. */
    public int hardwareAttentionFactor() {
        return hasArchitecture() ? attentionFactor() + (recompute ? 4 : 0) : 0;
    }

    /** Model FLOPs per token (see the class comment). */
    public double flopsPerToken() {
        return paramFactor() * paramsPerToken() + (double) attentionFactor() * layers * dModel * seqLen;
    }

    /** Hardware FLOPs per token: the model FLOPs plus, with recompute, one more forward pass. */
    public double hardwareFlopsPerToken() {
        return hardwareParamFactor() * paramsPerToken() + (double) hardwareAttentionFactor() * layers * dModel * seqLen;
    }

    /** Total model FLOPs: {@link #flopsPerToken()} × tokens. */
    public double flops() {
        return flopsPerToken() * tokens;
    }

    /** Total hardware FLOPs: {@link #hardwareFlopsPerToken()} × tokens. */
    public double hardwareFlops() {
        return hardwareFlopsPerToken() * tokens;
    }

    /**
     * The formula with its numbers, for the printed estimate, e.g. {@code 6·N·D (training; N = 7e+09 ...)}; with
     * recompute it names the hardware FLOPs beside.
     */
    public String formula() {
        String n = Double.isNaN(activeParams) ? "N" : "N_active";
        StringBuilder formula = new StringBuilder().append(paramFactor()).append('·').append(n).append("·D");
        if (hasArchitecture()) {
            formula.append(" + ").append(attentionFactor()).append("·L·d·T·D");
        }
        formula.append(String.format(Locale.ROOT, " (%s", mode.id()));
        if (recompute) {
            formula.append("; with recompute the hardware FLOPs are ").append(hardwareParamFactor()).append('·').append(n)
                    .append("·D");
            if (hasArchitecture()) {
                formula.append(" + ").append(hardwareAttentionFactor()).append("·L·d·T·D");
            }
        }
        formula.append(String.format(Locale.ROOT, "; %s = %.4g params, D = %.4g tokens", n, paramsPerToken(), tokens));
        if (hasArchitecture()) {
            formula.append(String.format(Locale.ROOT, ", L = %d, d = %d, T = %d", layers, dModel, seqLen));
        }
        return formula.append(')').toString();
    }
}
