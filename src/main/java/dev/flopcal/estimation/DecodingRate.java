package dev.flopcal.estimation;

import java.util.List;
import java.util.Locale;

import dev.flopcal.core.Precision;

/**
 * The rate of an inference job, bounded by the roofline. Each decoding step computes one token for each of the B
 * sequences of the batch and reads, from device memory, the weights and every sequence's keys and values:
 * <pre>
 *   compute time = B · FLOPs per token / achieved FLOP/s
 *   memory time  = (weights read + B · context · 2 · L · d · bytes) / (memory bandwidth × efficiency)
 *   step time    = max(compute time, memory time)      tokens/s per device = B / step time
 * </pre>
 * Weights read per step: all N · {@code --weight-bytes-per-param} for a dense model; for a mixture of experts the
 * active parameters of each sequence, at most all of them (min(N, B · N_active)). The prompt ({@code --prompt-tokens})
 * is processed before decoding, all tokens of a sequence at once: bound by compute. At batch 1 decoding reads every
 * weight for two FLOPs per weight: a 7B bf16 model on a 3,350 GB/s device decodes at most 3350 / 14 = 239 tokens/s,
 * whatever its FLOP/s (Pope et al. 2022, Efficiently Scaling Transformer Inference).
 *
 * <p>The bandwidth is the profile's: an accelerator's datasheet figure × an efficiency
 * ({@link Defaults#DECODE_BANDWIDTH_SOURCE}), or a calibrated CPU's measured DRAM plateau as measured. Keys and values
 * are counted for full multi-head attention (2 · L · d values per token); grouped-query attention stores fewer, so
 * the memory time is an upper bound for such models. Communication between devices is not counted.
 *
 * @param deviceSeconds            device-seconds of prefill and decoding
 * @param tokensPerSecondPerDevice generated tokens per second per device while decoding
 * @param limitedBy                "compute" or "memory bandwidth"
 * @param measuredSlowFactor       the measured bandwidth / the lower end of its 95% interval, when decoding is bound
 *                                 by a measured bandwidth; NaN otherwise
 * @param output                   the figures, as printed
 */
record DecodingRate(double deviceSeconds, double tokensPerSecondPerDevice, String limitedBy, double measuredSlowFactor,
        Estimate.Decoding output) {

    /**
     * What decoding reads and how fast, resolved once for the memory plan and the rate.
     *
     * @param batchSize           B
     * @param contextTokens       tokens of context per sequence, 0 when unknown
     * @param weightBytesPerParam bytes per stored weight
     * @param kvBytesPerToken     bytes of keys and values per token of context, 0 without an architecture
     * @param bandwidth           memory bandwidth in bytes/s, NaN when unknown
     * @param efficiency          fraction of it reached
     * @param memory              the device's memory figures
     */
    record Inputs(int batchSize, int contextTokens, double weightBytesPerParam, double kvBytesPerToken, double bandwidth,
            double efficiency, DeviceThroughput.Memory memory) {
    }

    /** Bytes of keys and values per token of context: 2 · layers · d_model values at the precision's size. */
    static double kvBytesPerToken(Workload w, Precision precision) {
        return 2.0 * w.layers() * w.dModel() * MemoryPlan.storageBytes(precision);
    }

    /** Resolves the inputs of an inference job, recording each default in the assumptions. */
    static Inputs inputs(EstimateRequest r, Workload w, Precision precision, DeviceThroughput device, Assumptions assume) {
        EstimateRequest.Inference inf = r.inference();
        int batch = (int) assume.pick("batchSize", inf.batchSize(), Defaults.BATCH_SIZE, "sequences",
                Defaults.BATCH_SIZE_SOURCE);
        int context;
        if (inf.contextTokens() != null) {
            context = inf.contextTokens();
            assume.put("contextTokens", (double) context, "tokens", "given (--context-tokens)");
        } else if (w.hasArchitecture()) {
            context = w.seqLen();
            assume.put("contextTokens", (double) context, "tokens", Defaults.CONTEXT_SOURCE);
        } else {
            context = 0;
        }
        double weightBytes = assume.pick("weightBytesPerParam", inf.weightBytesPerParam(), MemoryPlan.storageBytes(precision),
                "bytes/param", Defaults.WEIGHT_BYTES_SOURCE);
        DeviceThroughput.Memory memory = device == null ? DeviceThroughput.Memory.UNKNOWN : device.memory();
        double efficiency = Double.NaN;
        if (Double.isFinite(memory.bandwidthBytesPerSecond())) {
            assume.put("memoryBandwidth", memory.bandwidthBytesPerSecond() / 1e9, "GB/s", memory.source());
            efficiency = assume.pick("memoryBandwidthEfficiency", inf.memoryBandwidthEfficiency(),
                    memory.bandwidthMeasured() ? 1.0 : Defaults.DECODE_BANDWIDTH_EFFICIENCY, "fraction of bandwidth",
                    memory.bandwidthMeasured() ? Defaults.MEASURED_BANDWIDTH_SOURCE : Defaults.DECODE_BANDWIDTH_SOURCE);
        }
        double kv = w.hasArchitecture() ? kvBytesPerToken(w, precision) : 0;
        if (kv > 0) {
            assume.put("kvBytesPerToken", kv, "bytes per token of context", "2 · layers · d_model keys and values × "
                    + MemoryPlan.storageBytes(precision) + " bytes (" + precision.id() + "): full multi-head attention"
                    + " (Pope et al. 2022, Efficiently Scaling Transformer Inference); grouped-query attention stores"
                    + " fewer, so this is an upper bound");
        }
        return new Inputs(batch, context, weightBytes, kv, memory.bandwidthBytesPerSecond(), efficiency, memory);
    }

    /**
     * The rate of decoding {@code generated} tokens after {@code prompt} prompt tokens.
     *
     * @param computeFlopsPerSecond achieved model FLOP/s per device
     */
    static DecodingRate of(Inputs in, Workload w, double computeFlopsPerSecond, double generated, double prompt,
            List<String> notes) {
        int b = in.batchSize();
        double flopsPerToken = w.flopsPerToken();
        double weightsRead = Math.min(w.params(), b * w.paramsPerToken()) * in.weightBytesPerParam();
        double kvRead = (double) b * in.contextTokens() * in.kvBytesPerToken();
        double bytes = weightsRead + kvRead;
        double computeSeconds = b * flopsPerToken / computeFlopsPerSecond;
        double memorySeconds = bytes / (in.bandwidth() * in.efficiency());
        boolean memoryKnown = Double.isFinite(memorySeconds);
        if (!memoryKnown) {
            notes.add("decoding bound by compute only: the profile states no memory bandwidth");
        }
        if (kvRead == 0) {
            notes.add("decoding reads the weights only: the keys and values need --layers, --d-model and --seq-len (or"
                    + " --context-tokens)");
        }
        boolean memoryBound = memoryKnown && memorySeconds > computeSeconds;
        double stepSeconds = memoryBound ? memorySeconds : computeSeconds;
        double tokensPerSecond = b / stepSeconds;
        double prefillSeconds = prompt * flopsPerToken / computeFlopsPerSecond;
        double decodeSeconds = generated / tokensPerSecond;
        String limitedBy = memoryBound ? "memory bandwidth" : "compute";
        double slow = memoryBound && in.memory().bandwidthMeasured() && Double.isFinite(in.memory().bandwidthLow95())
                ? in.bandwidth() / in.memory().bandwidthLow95() : Double.NaN;
        Estimate.Decoding output = new Estimate.Decoding(b, in.contextTokens(), prompt, in.weightBytesPerParam(), bytes,
                b * flopsPerToken, memoryKnown ? in.bandwidth() : null, memoryKnown ? in.efficiency() : null,
                b / computeSeconds, memoryKnown ? b / memorySeconds : null, tokensPerSecond, limitedBy,
                prefillSeconds / Estimator.SECONDS_PER_HOUR, decodeSeconds / Estimator.SECONDS_PER_HOUR,
                String.format(Locale.ROOT, "per step: %.4g bytes read (weights %.4g, keys and values %.4g) and %.4g FLOPs"
                        + " for %d token%s", bytes, weightsRead, kvRead, b * flopsPerToken, b, b == 1 ? "" : "s"));
        return new DecodingRate(prefillSeconds + decodeSeconds, tokensPerSecond, limitedBy, slow, output);
    }
}
