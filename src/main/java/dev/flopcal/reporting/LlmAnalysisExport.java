package dev.flopcal.reporting;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import dev.flopcal.core.InvalidInputException;
import dev.flopcal.core.Precision;
import dev.flopcal.core.Quantity;
import dev.flopcal.core.Units;
import dev.flopcal.profiles.PrecisionProfile;
import dev.flopcal.profiles.Profile;

/**
 * Accelerator profiles as GPU configs for <a href="https://github.com/cli99/llm-analysis">llm-analysis</a>, with the
 * calibrated utilization to pass it as {@code flops_efficiency}.
 *
 * <p><b>The format</b>, as read from llm-analysis' {@code llm_analysis/config.py}: {@code read_configs} json-loads
 * every file in {@code llm_analysis/gpu_configs/} and calls {@code GPUConfig(**config_json)}, a dataclass with
 * <ul>
 *   <li>required: {@code name} (the key {@code --gpu_name} looks up), {@code mem_per_GPU_in_GB} (GB; llm-analysis
 *       multiplies it by 1024³, and its own files give the datasheet figure, e.g. 80 for an 80 GB H100),
 *       {@code hbm_bandwidth_in_GB_per_sec} (GB/s), {@code intra_node_bandwidth_in_GB_per_sec} (GB/s),
 *       {@code intra_node_min_message_latency} (seconds), {@code peak_fp16_TFLOPS} (dense tensor TFLOP/s, used for
 *       every 16-bit GEMM);</li>
 *   <li>optional: {@code peak_i8_TFLOPS} and {@code peak_i4_TFLOPS} (None → 2× and 4× {@code peak_fp16_TFLOPS} in
 *       {@code __post_init__}), {@code inter_node_bandwidth_in_GB_per_sec} (default 200, "assuming Mellanox 200Gbps
 *       HDR Infiniband").</li>
 * </ul>
 * An unknown key is a {@code TypeError} (unexpected keyword argument) that stops llm-analysis from loading any GPU
 * config, so a config holds only these keys, and the calibrated utilization goes into a separate text file
 * ({@code ID.flops_efficiency.txt}) that must not be copied into {@code gpu_configs/} (it is not JSON).
 *
 * <p><b>Figures flopcal does not have are never invented.</b> Interconnect bandwidth and latency are required by
 * llm-analysis and measured by nothing in flopcal, so the caller must supply them ({@link UserFigures}); a missing
 * one is an {@link InvalidInputException} naming the key. The optional keys are written only when known (int8 from
 * the profile's int8 nominal peak, int4 and inter-node bandwidth only when supplied); when absent, llm-analysis
 * applies its own documented defaults, and the text file says which ones it will assume. Writing {@code null}
 * instead would be worse: {@code inter_node_bandwidth_in_GB_per_sec = None} has no fallback and fails in arithmetic.
 *
 * <p><b>Which 16-bit precision.</b> {@code peak_fp16_TFLOPS} and {@code flops_efficiency} come from one precision so
 * that their product is the profile's achieved rate: bf16 or fp16, whichever has an achieved figure (bf16 first, as
 * training runs use it), else whichever has a nominal peak.
 */
public final class LlmAnalysisExport {
    /** The keys of llm-analysis' {@code GPUConfig}, in declaration order. */
    public static final List<String> KEYS = List.of("name", "mem_per_GPU_in_GB", "hbm_bandwidth_in_GB_per_sec",
            "intra_node_bandwidth_in_GB_per_sec", "intra_node_min_message_latency", "peak_fp16_TFLOPS",
            "peak_i8_TFLOPS", "peak_i4_TFLOPS", "inter_node_bandwidth_in_GB_per_sec");
    /** The keys llm-analysis requires (no default in {@code GPUConfig}). */
    public static final Set<String> REQUIRED = Set.of("name", "mem_per_GPU_in_GB", "hbm_bandwidth_in_GB_per_sec",
            "intra_node_bandwidth_in_GB_per_sec", "intra_node_min_message_latency", "peak_fp16_TFLOPS");

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN).build();

    private LlmAnalysisExport() {
    }

    /**
     * A figure supplied by the user, for every device or per profile id.
     *
     * @param all  the value for profiles without their own; null when none
     * @param byId values for single profiles, by profile id
     */
    public record PerDevice(Double all, Map<String, Double> byId) {
        public PerDevice {
            byId = byId == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(byId));
        }

        /** No value for any device. */
        public static PerDevice none() {
            return new PerDevice(null, Map.of());
        }

        /** The same value for every device. */
        public static PerDevice of(double value) {
            return new PerDevice(value, Map.of());
        }

        /** The value for a profile: its own, else the common one; empty when neither. */
        public Optional<Double> forProfile(String id) {
            return Optional.ofNullable(byId.getOrDefault(id, all));
        }
    }

    /**
     * Figures llm-analysis needs that flopcal does not measure.
     *
     * @param intraNodeBandwidthGBps     GPU-to-GPU bandwidth within a node (e.g. NVLink), GB/s; required
     * @param intraNodeLatencySeconds    minimum intra-node message latency, seconds; required
     * @param interNodeBandwidthGBps     bandwidth between nodes, GB/s; optional (llm-analysis assumes 200)
     * @param peakI4Tops                 dense int4 peak in llm-analysis' "TFLOPS" (10¹² op/s); optional
     *                                   (llm-analysis assumes 4 × peak_fp16_TFLOPS)
     */
    public record UserFigures(PerDevice intraNodeBandwidthGBps, PerDevice intraNodeLatencySeconds,
                              PerDevice interNodeBandwidthGBps, PerDevice peakI4Tops) {
        public UserFigures {
            intraNodeBandwidthGBps = intraNodeBandwidthGBps == null ? PerDevice.none() : intraNodeBandwidthGBps;
            intraNodeLatencySeconds = intraNodeLatencySeconds == null ? PerDevice.none() : intraNodeLatencySeconds;
            interNodeBandwidthGBps = interNodeBandwidthGBps == null ? PerDevice.none() : interNodeBandwidthGBps;
            peakI4Tops = peakI4Tops == null ? PerDevice.none() : peakI4Tops;
        }
    }

    /**
     * The calibrated utilization to pass as {@code flops_efficiency}.
     *
     * @param precision  the precision it belongs to (the one {@code peak_fp16_TFLOPS} comes from)
     * @param value      achieved / nominal, fraction
     * @param low        lower end of its interval, fraction; null when unknown
     * @param high       upper end, fraction; null when unknown
     * @param interval   what the interval is, e.g. "95% confidence interval"; null when unknown
     * @param status     the precision's status ("measured", "fitted from published runs")
     * @param runs       the published runs it was fitted from; empty for measured figures
     */
    public record FlopsEfficiency(Precision precision, double value, Double low, Double high, String interval,
                                  String status, List<String> runs) {
        public FlopsEfficiency {
            runs = List.copyOf(runs);
        }

        /** E.g. "0.400 (95% confidence interval 0.355 to 0.445, fitted from 4 published runs)". */
        public String summary() {
            StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%.3f", value));
            List<String> parts = new ArrayList<>();
            if (low != null && high != null) {
                parts.add(String.format(Locale.ROOT, "%s %.3f to %.3f", interval, low, high));
            }
            parts.add(runs.isEmpty() ? status : String.format(Locale.ROOT, "%s, n = %d", status, runs.size()));
            return s.append(" (").append(String.join("; ", parts)).append(')').toString();
        }
    }

    /**
     * One GPU config and what goes beside it.
     *
     * @param profileId  the profile it comes from, also the config's {@code name}
     * @param device     the device name
     * @param config     the GPU config: a subset of {@link #KEYS} in that order, numbers as {@link BigDecimal}
     * @param efficiency the calibrated utilization; empty for a "nominal only" device
     * @param sources    one line per key: where its value comes from, or which default llm-analysis applies
     */
    public record Export(String profileId, String device, Map<String, Object> config,
                         Optional<FlopsEfficiency> efficiency, List<String> sources) {
        public Export {
            config = Collections.unmodifiableMap(new LinkedHashMap<>(config));
            sources = List.copyOf(sources);
        }

        /** File name of the config, {@code ID.json}. */
        public String jsonFileName() {
            return profileId + ".json";
        }

        /** File name of the text beside it, {@code ID.flops_efficiency.txt}. */
        public String noteFileName() {
            return profileId + ".flops_efficiency.txt";
        }

        /** The config as JSON, four-space indented like llm-analysis' own files, with a trailing newline. */
        public String json() {
            DefaultPrettyPrinter pretty = new DefaultPrettyPrinter()
                    .withObjectIndenter(new DefaultIndenter("    ", "\n"))
                    .withSeparators(com.fasterxml.jackson.core.util.Separators.createDefaultInstance()
                            .withObjectFieldValueSpacing(com.fasterxml.jackson.core.util.Separators.Spacing.AFTER));
            try {
                return JSON.writer(pretty).writeValueAsString(config) + "\n";
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write the llm-analysis config of " + profileId, e);
            }
        }

        /** The text file: the flops_efficiency to pass, how to install the config, and where each figure comes from. */
        public String note() {
            StringBuilder s = new StringBuilder();
            s.append("llm-analysis GPU config for ").append(device).append(", from flopcal profile ").append(profileId)
                    .append("\n\n");
            if (efficiency.isPresent()) {
                FlopsEfficiency e = efficiency.get();
                s.append("Calibrated utilization (").append(e.precision()).append(" achieved / nominal): ")
                        .append(e.summary()).append('\n');
                if (!e.runs().isEmpty()) {
                    s.append("  runs: ").append(String.join("; ", e.runs())).append('\n');
                }
                if (e.value() > 1) {
                    s.append("  llm-analysis only accepts flops_efficiency in (0, 1]; this profile's figure exceeds the"
                            + " nominal peak, so check the nominal peak before using it.\n");
                }
                s.append("Pass it to llm-analysis as flops_efficiency, e.g.\n  python -m llm_analysis.analysis train")
                        .append(" --gpu_name ").append(profileId)
                        .append(String.format(Locale.ROOT, " --flops_efficiency %.3f", e.value()))
                        .append(" --model_name ...\n");
            } else {
                s.append("No calibrated utilization: the profile has only nominal (datasheet) figures for bf16/fp16.\n"
                        + "Without flops_efficiency llm-analysis assumes 1, i.e. the nominal peak is reached; pass a"
                        + " measured or published figure instead.\n");
            }
            s.append("\nInstall: copy ").append(jsonFileName()).append(" (the .json file only) into llm_analysis/gpu_configs/")
                    .append(" of your llm-analysis checkout. llm-analysis loads every file in that directory as a GPU")
                    .append(" config, so this text file must not go there.\n\nWhere each figure comes from:\n");
            for (String line : sources) {
                s.append("  ").append(line).append('\n');
            }
            return s.toString();
        }

        /** The config and the text beside it, ready to write. */
        public List<OutputFile> files() {
            return List.of(OutputFile.text(jsonFileName(), json()), OutputFile.text(noteFileName(), note()));
        }
    }

    /**
     * Exports of the accelerator profiles among {@code profiles} (device kind "gpu" or "tpu"), in the order given.
     *
     * @throws InvalidInputException when none is an accelerator, when a figure llm-analysis requires is neither in
     *                               the profile nor supplied (naming the profile and the key), when a supplied value
     *                               is not positive, or when a per-device value names a profile not exported
     */
    public static List<Export> of(List<Profile> profiles, UserFigures figures) {
        List<Profile> accelerators = profiles.stream().filter(LlmAnalysisExport::isAccelerator).toList();
        if (accelerators.isEmpty()) {
            throw new InvalidInputException("no accelerator profile among " + profiles.stream().map(Profile::id).toList()
                    + ": llm-analysis GPU configs are made from GPU and TPU profiles only");
        }
        Set<String> ids = new java.util.HashSet<>(accelerators.stream().map(Profile::id).toList());
        for (PerDevice f : List.of(figures.intraNodeBandwidthGBps(), figures.intraNodeLatencySeconds(),
                figures.interNodeBandwidthGBps(), figures.peakI4Tops())) {
            for (String id : f.byId().keySet()) {
                if (!ids.contains(id)) {
                    throw new InvalidInputException("'" + id + "' is not an accelerator profile being exported (exported: "
                            + String.join(", ", ids) + ")");
                }
            }
        }
        return accelerators.stream().map(p -> of(p, figures)).toList();
    }

    /** True for device kinds llm-analysis describes: "gpu" and "tpu". */
    public static boolean isAccelerator(Profile p) {
        return "gpu".equals(p.device().kind()) || "tpu".equals(p.device().kind());
    }

    /**
     * The export of one accelerator profile.
     *
     * @throws InvalidInputException as {@link #of(List, UserFigures)}, or when the profile is not an accelerator
     */
    public static Export of(Profile p, UserFigures figures) {
        if (!isAccelerator(p)) {
            throw new InvalidInputException("profile " + p.id() + " describes a " + p.device().kind()
                    + "; llm-analysis GPU configs are made from GPU and TPU profiles only");
        }
        Map<String, Object> config = new LinkedHashMap<>();
        List<String> sources = new ArrayList<>();
        String deviceSource = p.device().source() == null ? "" : " (" + p.device().source() + ")";
        config.put("name", p.id());
        sources.add("name = " + p.id() + ": the profile id; pass it as --gpu_name");
        Double memory = p.device().memoryGb();
        config.put("mem_per_GPU_in_GB", decimal(require(memory, p, "mem_per_GPU_in_GB", "device.memoryGb", "GB")));
        sources.add("mem_per_GPU_in_GB = " + plain(memory) + ": device.memoryGb" + deviceSource);
        Double bandwidth = p.device().memoryBandwidthGBps();
        config.put("hbm_bandwidth_in_GB_per_sec", decimal(require(bandwidth, p, "hbm_bandwidth_in_GB_per_sec",
                "device.memoryBandwidthGBps", "GB/s")));
        sources.add("hbm_bandwidth_in_GB_per_sec = " + plain(bandwidth) + ": device.memoryBandwidthGBps" + deviceSource);
        double intra = supplied(figures.intraNodeBandwidthGBps(), p, "intra_node_bandwidth_in_GB_per_sec", "GB/s",
                "--intra-node-bandwidth");
        config.put("intra_node_bandwidth_in_GB_per_sec", decimal(intra));
        sources.add("intra_node_bandwidth_in_GB_per_sec = " + plain(intra) + ": supplied by the user (flopcal does not"
                + " measure interconnects)");
        double latency = supplied(figures.intraNodeLatencySeconds(), p, "intra_node_min_message_latency", "seconds",
                "--intra-node-latency");
        config.put("intra_node_min_message_latency", decimal(latency));
        sources.add("intra_node_min_message_latency = " + plain(latency) + " s: supplied by the user");

        Precision training = trainingPrecision(p).orElseThrow(() -> new InvalidInputException("profile " + p.id()
                + " has no bf16 or fp16 nominal peak; llm-analysis requires peak_fp16_TFLOPS"));
        PrecisionProfile pp = p.precisions().get(training.id());
        config.put("peak_fp16_TFLOPS", tera(pp.nominalFlops()));
        sources.add("peak_fp16_TFLOPS = " + tera(pp.nominalFlops()).toPlainString() + ": " + training
                + " nominal peak" + source(pp) + "; llm-analysis uses it for every 16-bit GEMM");
        PrecisionProfile other = p.precisions().get(training == Precision.BF16 ? "fp16" : "bf16");
        if (other != null && other.nominalFlops() != null && !other.nominalFlops().equals(pp.nominalFlops())) {
            sources.add("  note: the " + (training == Precision.BF16 ? "fp16" : "bf16") + " nominal peak differs ("
                    + tera(other.nominalFlops()).toPlainString() + " TFLOP/s); llm-analysis has one 16-bit figure");
        }
        PrecisionProfile int8 = p.precisions().get("int8");
        if (int8 != null && int8.nominalFlops() != null && int8.nominalFlops() > 0) {
            config.put("peak_i8_TFLOPS", tera(int8.nominalFlops()));
            sources.add("peak_i8_TFLOPS = " + tera(int8.nominalFlops()).toPlainString() + ": int8 nominal peak, TOP/s"
                    + source(int8));
        } else {
            sources.add("peak_i8_TFLOPS: not written, the profile has no int8 peak; llm-analysis then assumes"
                    + " 2 × peak_fp16_TFLOPS");
        }
        Optional<Double> i4 = figures.peakI4Tops().forProfile(p.id());
        if (i4.isPresent()) {
            config.put("peak_i4_TFLOPS", decimal(positive(i4.get(), p, "peak_i4_TFLOPS")));
            sources.add("peak_i4_TFLOPS = " + plain(i4.get()) + ": supplied by the user");
        } else {
            sources.add("peak_i4_TFLOPS: not written, flopcal has no int4 figure; llm-analysis then assumes"
                    + " 4 × peak_fp16_TFLOPS");
        }
        Optional<Double> inter = figures.interNodeBandwidthGBps().forProfile(p.id());
        if (inter.isPresent()) {
            config.put("inter_node_bandwidth_in_GB_per_sec", decimal(positive(inter.get(), p, "inter_node_bandwidth_in_GB_per_sec")));
            sources.add("inter_node_bandwidth_in_GB_per_sec = " + plain(inter.get()) + ": supplied by the user");
        } else {
            sources.add("inter_node_bandwidth_in_GB_per_sec: not written, not supplied; llm-analysis then assumes 200"
                    + " GB/s (200 Gb/s HDR InfiniBand, its default)");
        }
        return new Export(p.id(), p.device().name(), config, efficiency(training, pp), sources);
    }

    /** bf16 or fp16, whichever has an achieved figure (bf16 first), else whichever has a nominal peak. */
    static Optional<Precision> trainingPrecision(Profile p) {
        for (boolean needAchieved : new boolean[] {true, false}) {
            for (Precision candidate : List.of(Precision.BF16, Precision.FP16)) {
                PrecisionProfile pp = p.precisions().get(candidate.id());
                if (pp != null && pp.nominalFlops() != null && pp.nominalFlops() > 0
                        && (!needAchieved || (pp.achievedFlops() != null && pp.utilization() != null))) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The utilization of a precision with its interval: the 95% interval of {@code fits.utilization.ofNominal} when
     * the profile has one, else utilization ± utilizationError at the confidence of the precision's status.
     */
    static Optional<FlopsEfficiency> efficiency(Precision precision, PrecisionProfile pp) {
        if (pp.utilization() == null || pp.achievedFlops() == null) {
            return Optional.empty();
        }
        Double low = null, high = null;
        String interval = null;
        Quantity fitted = pp.fits() == null || pp.fits().utilization() == null ? null : pp.fits().utilization().ofNominal();
        if (fitted != null && fitted.ci95() != null) {
            low = fitted.ci95().get(0);
            high = fitted.ci95().get(1);
            interval = "95% confidence interval";
        } else if (pp.utilizationError() != null) {
            Double confidence = Comparison.errorConfidence(pp.status());
            low = Math.max(0, pp.utilization() - pp.utilizationError());
            high = pp.utilization() + pp.utilizationError();
            interval = confidence == null ? "interval" : Units.confidence(confidence) + " interval";
        }
        return Optional.of(new FlopsEfficiency(precision, pp.utilization(), low, high, interval,
                pp.status() == null ? "unknown" : pp.status().text(), pp.publishedRuns() == null ? List.of() : pp.publishedRuns()));
    }

    private static double require(Double value, Profile p, String key, String field, String unit) {
        if (value == null || !(value > 0) || value.isInfinite()) {
            throw new InvalidInputException("profile " + p.id() + " has no " + field + "; llm-analysis requires " + key
                    + " (" + unit + ")");
        }
        return value;
    }

    private static double supplied(PerDevice figure, Profile p, String key, String unit, String option) {
        Double v = figure.forProfile(p.id()).orElseThrow(() -> new InvalidInputException("llm-analysis requires " + key
                + " (" + unit + ") for " + p.id() + ", and flopcal does not measure it: supply it (compare " + option + ")"));
        return positive(v, p, key);
    }

    private static double positive(double v, Profile p, String key) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new InvalidInputException(key + " for " + p.id() + " is " + v + "; expected a positive number");
        }
        return v;
    }

    private static String source(PrecisionProfile pp) {
        return pp.nominalSource() == null ? "" : " (" + pp.nominalSource() + ")";
    }

    /** A decimal of the double's shortest representation, e.g. 80.0 → 80, 8.0E-6 → 0.000008. */
    private static BigDecimal decimal(double v) {
        BigDecimal d = new BigDecimal(Double.toString(v)).stripTrailingZeros();
        return d.scale() < 0 ? d.setScale(0) : d;
    }

    /** FLOP/s (op/s) as llm-analysis' TFLOPS, exactly: 9.894E14 → 989.4. */
    private static BigDecimal tera(double flops) {
        BigDecimal d = new BigDecimal(Double.toString(flops)).movePointLeft(12).stripTrailingZeros();
        return d.scale() < 0 ? d.setScale(0) : d;
    }

    private static String plain(double v) {
        return decimal(v).toPlainString();
    }
}
