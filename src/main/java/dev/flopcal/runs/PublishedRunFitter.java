package dev.flopcal.runs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

import org.apache.commons.math3.distribution.TDistribution;

import dev.flopcal.core.Precision;
import dev.flopcal.core.Quantity;
import dev.flopcal.hardware.AcceleratorCatalog;
import dev.flopcal.hardware.AcceleratorSpec;

/**
 * Fits, from published training runs, what the estimator's {@code slow} and {@code retry} scenarios need:
 * per hardware and pooled,
 * <ul>
 *   <li><b>in-run utilization</b>: the reported MFU, or tflops_per_device / nominal where only that is given;</li>
 *   <li><b>effective utilization</b>: FLOPs / (reported device-hours × 3600 × nominal);</li>
 *   <li><b>overhead factor</b>: reported device-hours / ideal device-hours at the in-run utilization,</li>
 * </ul>
 * each as a mean with a Student-t confidence interval for the mean (NaN, with the reason, when n &lt; 2) and
 * the leave-one-out prediction error. FLOPs are the reported {@code training_flops} when given, else
 * 6 · (active) params · tokens ({@link PublishedRun#flopsBasis()} records which).
 *
 * <p><b>Which nominal peak.</b> Utilization is quoted against the dense tensor peak of the training format:
 * bf16 where the hardware has it (A100, H100/H800, TPU v4), else fp16 (V100, whose fp16 figure is its
 * tensor-core peak). DeepSeek-V3 trained on H800s in fp8 mixed precision; its bf16 peak is used all the same,
 * because the DeepSeek-V3 report (sec. 3.3) keeps embedding, output head, attention, normalization and
 * optimizer in bf16/fp32 and only the linear layers' GEMMs in fp8 — against the fp8 peak (2×) its utilization
 * would read half as high and not be comparable with the other runs.
 *
 * <p>Immutable.
 */
public final class PublishedRunFitter {
    /** Unit of every fitted figure: utilizations and the overhead factor are ratios. */
    private static final String UNIT = "1";

    private final AcceleratorCatalog catalog;

    /** A fitter (95% intervals) that looks nominal peaks up in {@code catalog}. */
    public PublishedRunFitter(AcceleratorCatalog catalog) {
        this.catalog = catalog;
    }

    /** The precision whose peak utilization is quoted against: bf16, else fp16; empty if the hardware has neither. */
    public static Optional<Precision> trainingPrecision(AcceleratorSpec spec) {
        if (spec.peakFlops(Precision.BF16).isPresent()) {
            return Optional.of(Precision.BF16);
        }
        return spec.peakFlops(Precision.FP16).isPresent() ? Optional.of(Precision.FP16) : Optional.empty();
    }

    /** Derives utilization and overhead from one run (NaN where the run lacks a figure). */
    public RunObservation observe(PublishedRun run) {
        Optional<AcceleratorSpec> spec = catalog.find(run.hardware());
        Precision precision = spec.flatMap(PublishedRunFitter::trainingPrecision).orElse(null);
        double nominal = precision == null ? Double.NaN : spec.orElseThrow().peakFlops(precision).orElseThrow();
        double flops = run.flops();
        double deviceHours = run.reportedDeviceHours();

        double inRun = Double.NaN;
        String inRunBasis = "";
        if (!Double.isNaN(run.mfu())) {
            inRun = run.mfu();
            inRunBasis = "mfu";
        } else if (!Double.isNaN(run.tflopsPerDevice()) && !Double.isNaN(nominal)) {
            inRun = run.tflopsPerDevice() * 1e12 / nominal;
            inRunBasis = "tflops_per_device / nominal";
        }
        double effective = flops / (deviceHours * 3600 * nominal);
        double ideal = flops / (inRun * nominal) / 3600;
        return new RunObservation(run, precision, nominal, flops, run.flopsBasis(), deviceHours, run.deviceHoursDerived(),
                inRun, inRunBasis, effective, ideal, deviceHours / ideal);
    }

    /** Fits every hardware id that occurs in {@code runs}, and all runs pooled. */
    public PublishedRunFit fit(List<PublishedRun> runs) {
        List<RunObservation> observations = runs.stream().map(this::observe).toList();
        Map<String, List<RunObservation>> groups = new LinkedHashMap<>();
        for (RunObservation o : observations) {
            if (!o.run().hardware().isEmpty()) {
                groups.computeIfAbsent(o.run().hardware(), k -> new ArrayList<>()).add(o);
            }
        }
        Map<String, HardwareFit> byHardware = new LinkedHashMap<>();
        groups.forEach((hardware, group) -> byHardware.put(hardware, fitGroup(hardware, group)));
        return new PublishedRunFit(observations, byHardware, fitGroup("all", observations));
    }

    private HardwareFit fitGroup(String hardware, List<RunObservation> group) {
        return new HardwareFit(hardware,
                summarize("in-run utilization", group, RunObservation::inRunUtilization),
                summarize("effective utilization", group, RunObservation::effectiveUtilization),
                summarize("overhead factor", group, RunObservation::overheadFactor));
    }

    private static RunMean summarize(String quantity, List<RunObservation> group, ToDoubleFunction<RunObservation> value) {
        List<Double> values = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (RunObservation o : group) {
            double v = value.applyAsDouble(o);
            if (Double.isFinite(v)) {
                values.add(v);
                labels.add(String.format(Locale.ROOT, "%s %.3f", o.run().model(), v));
            }
        }
        return summarize(quantity, values.stream().mapToDouble(Double::doubleValue).toArray(), labels);
    }

    /**
     * Mean, 95% Student-t interval for the mean and leave-one-out error of a sample.
     *
     * @param values the sample (finite numbers)
     * @param labels one description per value, kept with the result
     */
    public static RunMean summarize(String quantity, double[] values, List<String> labels) {
        int n = values.length;
        if (n == 0) {
            return new RunMean(quantity, Quantity.unknown(UNIT), Double.NaN, 0, Double.NaN,
                    "no run states the figures needed", labels);
        }
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        double mean = sum / n;
        if (n == 1) {
            return new RunMean(quantity, Quantity.of(mean, Double.NaN, Double.NaN, Double.NaN, UNIT), Double.NaN, 1,
                    Double.NaN, "one run: no interval or leave-one-out error (needs at least 2)", labels);
        }
        double squares = 0;
        double looSquares = 0;
        for (double v : values) {
            squares += (v - mean) * (v - mean);
            double others = (sum - v) / (n - 1);
            looSquares += (v - others) * (v - others);
        }
        double sd = Math.sqrt(squares / (n - 1));
        double t = new TDistribution(n - 1).inverseCumulativeProbability(0.975);
        double half = t * sd / Math.sqrt(n);
        return new RunMean(quantity, Quantity.of(mean, sd / Math.sqrt(n), mean - half, mean + half, UNIT), sd, n,
                Math.sqrt(looSquares / n), "", labels);
    }
}
