package dev.flopcal.estimation;

import java.util.List;
import java.util.Locale;

import dev.flopcal.core.InvalidInputException;
import dev.flopcal.core.Precision;

/**
 * The memory each device needs, against the memory it has.
 *
 * <h2>Training</h2>
 * Per parameter, in the job's {@code --precision} (w bytes: 2 for bf16/fp16, 4 for fp32): the weights (w), their
 * gradients (w), and the optimizer's states: an fp32 master copy of the weights when w &lt; 4 (Micikevicius et al.
 * 2018) plus the optimizer's own fp32 values ({@link Optimizer}: 8 for Adam). Mixed-precision Adam: 2 + 2 + 4 + 8 =
 * 16 bytes, ZeRO's figure (Rajbhandari et al. 2020, sec. 3.1). Tensor parallelism t and pipeline parallelism p
 * split the parameters over t·p devices; the remaining d = devices / (t·p) data-parallel replicas hold them whole,
 * unless ZeRO shards them: stage 1 the optimizer states, stage 2 also the gradients, stage 3 (FSDP) also the
 * weights, each divided by d. Activations (with {@code --layers}, {@code --d-model}, {@code --seq-len} and
 * {@code --micro-batch-size}) follow Korthikanti et al. 2022 ({@link Defaults#ACTIVATION_SOURCE}). LoRA keeps the
 * frozen weights only (the adapters' gradients and states, under 1% of N, are neglected).
 *
 * <h2>Inference</h2>
 * The weights at {@code --weight-bytes-per-param}, split over t·p devices, and the keys and values of every sequence
 * in the batch: 2 · layers · d_model values per token of context, at the precision's size.
 *
 * <h2>Checks</h2>
 * Model states (training: weights, gradients, optimizer states; inference: weights) that do not fit even sharded
 * over every device are refused, naming the need, the memory and the fewest devices that would hold them. A layout
 * that does not fit where another would gives a warning naming the one that fits. Memory is in GB = 10^9 bytes, as
 * the catalog gives it; the check compares with the whole memory (frameworks keep some for themselves).
 *
 * @param output the figures, null when the model size is unknown ({@code --flops} or a duration)
 */
record MemoryPlan(Estimate.MemoryPerDevice output) {
    private static final double GB = 1e9;

    /** Bytes per value of a precision as stored: tf32 is kept in 32 bits. */
    static double storageBytes(Precision p) {
        return switch (p) {
            case FP64 -> 8;
            case FP32, TF32 -> 4;
            case BF16, FP16 -> 2;
            case FP8, INT8 -> 1;
        };
    }

    /** The fewest devices, a multiple of {@code modelParallel}, whose memory holds {@code bytes} evenly sharded. */
    static int fewestDevices(double bytes, double memoryBytes, int modelParallel) {
        long devices = (long) Math.ceil(bytes / memoryBytes);
        long rounded = (devices + modelParallel - 1) / modelParallel * modelParallel;
        return (int) Math.min(Integer.MAX_VALUE, Math.max(modelParallel, rounded));
    }

    /** Bytes per parameter of the model states of a training job at {@code precision} with {@code optimizer}. */
    static double trainingBytesPerParam(Precision precision, Optimizer optimizer) {
        double w = storageBytes(precision);
        return w + w + (w < Defaults.MASTER_WEIGHT_BYTES ? Defaults.MASTER_WEIGHT_BYTES : 0) + optimizer.stateBytesPerParam();
    }

    /**
     * The memory plan of a checked request.
     *
     * @param device the profile's figures, null without {@code --profile}
     * @param decoding what an inference job reads per step, null for training
     * @throws InvalidInputException when the devices do not divide into the model-parallel groups, or the model
     *     states do not fit even fully sharded over all devices
     */
    static MemoryPlan of(EstimateRequest r, JobFlops job, DeviceThroughput device, Precision precision,
            DecodingRate.Inputs decoding, Assumptions assume, List<String> notes) {
        if (job.workload() == null) {
            return new MemoryPlan(null);
        }
        EstimateRequest.Parallelism par = r.parallelism();
        int devices = r.hardware().devices();
        int tp = (int) assume.pick("tensorParallel", par.tensorParallel(), 1, "devices", Defaults.MODEL_PARALLEL_SOURCE);
        int pp = (int) assume.pick("pipelineParallel", par.pipelineParallel(), 1, "stages", Defaults.MODEL_PARALLEL_SOURCE);
        if (devices % (tp * pp) != 0) {
            throw new InvalidInputException("--devices " + devices + " is not a multiple of --tensor-parallel " + tp
                    + " × --pipeline-parallel " + pp + ": the devices split into groups of " + tp * pp);
        }
        double memory = device == null ? Double.NaN : device.memory().bytes();
        String memoryName = device == null ? "" : device.id();
        Workload w = job.workload();
        Layout layout = w.mode() == WorkloadMode.INFERENCE ? inference(w, decoding, devices, tp, pp)
                : training(r, w, precision, devices, tp, pp, assume);
        if (Double.isFinite(memory) && layout.statesBytes() / devices > memory) {
            int fewest = fewestDevices(layout.statesBytes(), memory, tp * pp);
            throw new InvalidInputException(String.format(Locale.ROOT, "the model does not fit: %s = %s GB, %s GB per"
                    + " device even fully sharded over --devices %d; %s has %s GB: at least %d devices are needed",
                    layout.statesText(), gb(layout.statesBytes()), gb(layout.statesBytes() / devices), devices, memoryName,
                    gb(memory), fewest));
        }
        Breakdown chosen;
        if (w.mode() == WorkloadMode.INFERENCE) {
            chosen = layout.breakdown(0);
            if (Double.isFinite(memory) && chosen.total() > memory) {
                int needed = fewestDevices(layout.statesBytes(), memory - layout.perDeviceOther(), 1);
                notes.add(String.format(Locale.ROOT, "memory: %s GB per device (weights %s, keys and values %s) do not fit %s's"
                        + " %s GB with --tensor-parallel %d --pipeline-parallel %d; the weights split over about %d devices"
                        + " would (--tensor-parallel)", gb(chosen.total()), gb(chosen.weights()), gb(nz(chosen.kvCache())),
                        memoryName, gb(memory), tp, pp, needed));
            }
        } else {
            chosen = chooseStage(par.zeroStage(), layout, memory, memoryName, assume, notes);
        }
        if (!Double.isFinite(memory)) {
            notes.add("memory per device not checked: " + (device == null ? "no --profile" : device.id()
                    + " states no memory size"));
        }
        String text = layoutText(w.mode(), chosen.stage(), tp, pp, devices / (tp * pp));
        return new MemoryPlan(new Estimate.MemoryPerDevice(text, w.mode() == WorkloadMode.TRAINING
                ? layout.optimizer().id() : null, w.mode() == WorkloadMode.INFERENCE ? null : chosen.stage(), tp, pp,
                devices / (tp * pp), layout.bytesPerParam(), chosen.weights() / GB, chosen.gradients() / GB,
                chosen.optimizerStates() / GB, chosen.activations() == null ? null : chosen.activations() / GB,
                chosen.kvCache() == null ? null : chosen.kvCache() / GB, chosen.total() / GB,
                Double.isFinite(memory) ? memory / GB : null, Double.isFinite(memory) ? chosen.total() <= memory : null,
                layout.note()));
    }

    private static Breakdown chooseStage(Integer given, Layout layout, double memory, String memoryName,
            Assumptions assume, List<String> notes) {
        Integer fits = null;
        for (int stage = 0; stage <= 3 && Double.isFinite(memory); stage++) {
            if (layout.breakdown(stage).total() <= memory) {
                fits = stage;
                break;
            }
        }
        if (given != null) {
            assume.put("zeroStage", given.doubleValue(), "", "given (--zero-stage)");
            Breakdown b = layout.breakdown(given);
            if (Double.isFinite(memory) && b.total() > memory) {
                notes.add(String.format(Locale.ROOT, "memory: ZeRO stage %d needs %s GB per device, more than %s's %s GB;"
                        + " %s", given, gb(b.total()), memoryName, gb(memory), fits != null && fits > given
                        ? "--zero-stage " + fits + " fits (" + gb(layout.breakdown(fits).total()) + " GB)"
                        : activationAdvice(layout)));
            }
            return b;
        }
        int stage = fits != null ? fits : Double.isFinite(memory) ? 3 : 0;
        assume.put("zeroStage", (double) stage, "", Double.isFinite(memory) ? Defaults.ZERO_STAGE_SOURCE
                : "0: the device's memory is unknown, so no sharding is assumed (--zero-stage)");
        Breakdown b = layout.breakdown(stage);
        if (fits == null && Double.isFinite(memory)) {
            notes.add(String.format(Locale.ROOT, "memory: %s GB per device even with ZeRO stage 3, more than %s's %s GB: %s",
                    gb(b.total()), memoryName, gb(memory), activationAdvice(layout)));
        }
        return b;
    }

    private static String activationAdvice(Layout layout) {
        return layout.recompute() ? "the activations do not fit: lower --micro-batch-size, or shard with"
                + " --tensor-parallel or --pipeline-parallel"
                : "the activations do not fit: lower --micro-batch-size, add --recompute, or shard with --tensor-parallel";
    }

    private static String layoutText(WorkloadMode mode, int stage, int tp, int pp, int dp) {
        String parallel = String.format(Locale.ROOT, "tensor parallel %d × pipeline parallel %d × data parallel %d", tp, pp,
                dp);
        return mode == WorkloadMode.INFERENCE ? parallel : "ZeRO stage " + stage + ", " + parallel;
    }

    private static Layout training(EstimateRequest r, Workload w, Precision precision, int devices, int tp, int pp,
            Assumptions assume) {
        EstimateRequest.Parallelism par = r.parallelism();
        boolean full = w.mode() == WorkloadMode.TRAINING;
        Optimizer optimizer = par.optimizer() == null ? Defaults.OPTIMIZER : par.optimizer();
        if (full) {
            assume.pick("optimizer", par.optimizer() == null ? null : optimizer.id(), optimizer.id(), "",
                    Defaults.OPTIMIZER_SOURCE);
        }
        double wb = storageBytes(precision);
        double grad = full ? wb : 0;
        double master = full && wb < Defaults.MASTER_WEIGHT_BYTES ? Defaults.MASTER_WEIGHT_BYTES : 0;
        double states = full ? optimizer.stateBytesPerParam() : 0;
        if (full) {
            assume.put("optimizerStateBytesPerParam", master + states, "bytes/param", (master > 0
                    ? Defaults.MASTER_WEIGHT_SOURCE + "; " : "") + optimizer.source());
        }
        Double activations = null;
        if (w.hasArchitecture() && par.microBatchSize() != null) {
            double perToken = w.recompute() ? Defaults.RECOMPUTED_ACTIVATION_BYTES : Defaults.ACTIVATION_BYTES;
            activations = (double) w.layers() * w.seqLen() * par.microBatchSize() * w.dModel() * perToken / tp;
            assume.put("activationBytes", perToken, "bytes per token, layer and unit of width", Defaults.ACTIVATION_SOURCE);
        }
        String statesText = full ? String.format(Locale.ROOT, "%s parameters × %s bytes (%s weights %s + gradients %s%s"
                + " + %s states %s)", Checks.show(w.params()), plain(wb + grad + master + states), precision.id(), plain(wb),
                plain(grad), master > 0 ? " + fp32 master weights " + plain(master) : "", optimizer.id(), plain(states))
                : String.format(Locale.ROOT, "%s frozen parameters × %s bytes (%s)", Checks.show(w.params()), plain(wb),
                precision.id());
        String note = full ? "" : "lora: the frozen weights only; the adapters' weights, gradients and states (under 1% of"
                + " the parameters) are not counted";
        if (activations == null && full) {
            note = "activations not counted: give --layers, --d-model, --seq-len and --micro-batch-size";
        }
        return new Layout(w.params() / (tp * pp), devices / (tp * pp), wb, grad, master + states, activations, null,
                w.params() * (wb + grad + master + states), statesText, optimizer, w.recompute(), note);
    }

    private static Layout inference(Workload w, DecodingRate.Inputs in, int devices, int tp, int pp) {
        double wb = in.weightBytesPerParam();
        Double kv = null;
        String note = "";
        if (in.kvBytesPerToken() > 0 && in.contextTokens() > 0) {
            kv = in.batchSize() * (double) in.contextTokens() * in.kvBytesPerToken() / (tp * pp);
        } else {
            note = "keys and values not counted: give --layers, --d-model and --seq-len or --context-tokens";
        }
        String statesText = String.format(Locale.ROOT, "%s parameters × %s bytes per weight", Checks.show(w.params()),
                plain(wb));
        return new Layout(w.params() / (tp * pp), devices / (tp * pp), wb, 0, 0, null, kv, w.params() * wb, statesText,
                Defaults.OPTIMIZER, false, note);
    }

    private static double nz(Double value) {
        return value == null ? 0 : value;
    }

    private static String gb(double bytes) {
        double v = bytes / GB;
        return v >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.3g", v);
    }

    private static String plain(double v) {
        return v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%s", v);
    }

    /** Per-device bytes of one ZeRO stage. */
    private record Breakdown(int stage, double weights, double gradients, double optimizerStates, Double activations,
            Double kvCache) {
        double total() {
            return weights + gradients + optimizerStates + nz(activations) + nz(kvCache);
        }
    }

    /**
     * What a job keeps per device before sharding.
     *
     * @param paramsPerDevice parameters per model-parallel group member: N / (t·p)
     * @param dataParallel    replicas d
     * @param weightBytes     bytes per parameter of the weights
     * @param gradientBytes   of the gradients
     * @param optimizerBytes  of the optimizer states, master weights included
     */
    private record Layout(double paramsPerDevice, int dataParallel, double weightBytes, double gradientBytes,
            double optimizerBytes, Double activations, Double kvCache, double statesBytes, String statesText,
            Optimizer optimizer, boolean recompute, String note) {

        double bytesPerParam() {
            return weightBytes + gradientBytes + optimizerBytes;
        }

        double perDeviceOther() {
            return nz(activations) + nz(kvCache);
        }

        Breakdown breakdown(int stage) {
            return new Breakdown(stage, paramsPerDevice * weightBytes / (stage >= 3 ? dataParallel : 1),
                    paramsPerDevice * gradientBytes / (stage >= 2 ? dataParallel : 1),
                    paramsPerDevice * optimizerBytes / (stage >= 1 ? dataParallel : 1), activations, kvCache);
        }
    }
}
