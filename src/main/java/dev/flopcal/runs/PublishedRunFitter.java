package dev.flopcal.runs;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.apache.commons.math3.distribution.TDistribution;

import dev.flopcal.core.Precision;
import dev.flopcal.core.Quantity;
import dev.flopcal.hardware.AcceleratorCatalog;
import dev.flopcal.hardware.AcceleratorSpec;

/**
 * Fits, from published training runs, what the estimator's scenarios need ({@link PublishedRunFit}):
 * <ul>
 *   <li><b>typical overhead</b>: the geometric mean of reported / ideal device-hours over the runs that state an MFU
 *       and device-hours (ideal: the FLOPs at the stated MFU without a stop);</li>
 *   <li><b>in-run utilization</b> per run: the stated MFU, or, for a run that states device-hours but no MFU, its
 *       effective utilization (FLOPs / device-hours / nominal) × that typical overhead. Hardware FLOPs utilizations
 *       ({@code tflops_per_device}) are kept apart: they count recomputation the rows do not quantify;</li>
 *   <li><b>the utilization model</b> ({@link UtilizationModel}): per chip with partial pooling toward all runs, the
 *       centre and prediction interval of a new run's in-run utilization.</li>
 * </ul>
 * FLOPs are the reported {@code training_flops} when given, else 6 · (active) params · tokens
 * ({@link PublishedRun#flopsBasis()} records which).
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
    private final ChipGroups chips;

    /** A fitter that looks nominal peaks and chips up in {@code catalog}. */
    public PublishedRunFitter(AcceleratorCatalog catalog) {
        this.catalog = catalog;
        this.chips = ChipGroups.of(catalog);
    }

    /** The precision whose peak utilization is quoted against: bf16, else fp16; empty if the hardware has neither. */
    public static Optional<Precision> trainingPrecision(AcceleratorSpec spec) {
        if (spec.peakFlops(Precision.BF16).isPresent()) {
            return Optional.of(Precision.BF16);
        }
        return spec.peakFlops(Precision.FP16).isPresent() ? Optional.of(Precision.FP16) : Optional.empty();
    }

    /** Derives the stated figures of one run (NaN where the run lacks a figure); the in-run utilization is its MFU. */
    public RunObservation observe(PublishedRun run) {
        Optional<AcceleratorSpec> spec = catalog.find(run.hardware());
        Precision precision = spec.flatMap(PublishedRunFitter::trainingPrecision).orElse(null);
        double nominal = precision == null ? Double.NaN : spec.orElseThrow().peakFlops(precision).orElseThrow();
        double flops = run.flops();
        double deviceHours = run.reportedDeviceHours();
        double mfu = run.mfu();
        double hfu = run.tflopsPerDevice() * 1e12 / nominal;
        double effective = flops / (deviceHours * 3600 * nominal);
        double overhead = deviceHours / (flops / (mfu * nominal) / 3600);
        return new RunObservation(run, chips.groupOf(run.hardware()), precision, nominal, flops, run.flopsBasis(),
                deviceHours, run.deviceHoursDerived(), mfu, hfu, effective, mfu, Double.isNaN(mfu) ? "" : "MFU",
                overhead);
    }

    /** Fits the runs. */
    public PublishedRunFit fit(List<PublishedRun> runs) {
        List<RunObservation> stated = runs.stream().map(this::observe).toList();
        List<RunObservation> withOverhead = stated.stream().filter(o -> Double.isFinite(o.overheadFactor())).toList();
        double logSum = 0;
        for (RunObservation o : withOverhead) {
            logSum += Math.log(o.overheadFactor());
        }
        double typical = withOverhead.isEmpty() ? Double.NaN : Math.exp(logSum / withOverhead.size());
        List<RunObservation> observations = new ArrayList<>();
        for (RunObservation o : stated) {
            boolean infer = !o.inRunStated() && Double.isFinite(o.effectiveUtilization()) && Double.isFinite(typical);
            observations.add(infer ? o.withInferredInRun(typical) : o);
        }
        List<UtilizationModel.Sample> samples = observations.stream()
                .filter(o -> Double.isFinite(o.inRunUtilization()) && !o.run().hardware().isEmpty())
                .map(o -> new UtilizationModel.Sample(o.run().hardware(), o.inRunUtilization(), o.label()))
                .toList();
        List<String> hfuLabels = new ArrayList<>();
        List<Double> hfus = new ArrayList<>();
        for (RunObservation o : observations) {
            if (Double.isFinite(o.hfu())) {
                hfus.add(o.hfu());
                hfuLabels.add(String.format(Locale.ROOT, "%s %.3f", o.run().model(), o.hfu()));
            }
        }
        return new PublishedRunFit(observations, chips, new PublishedRunFit.TypicalOverhead(typical, withOverhead),
                UtilizationModel.fit(samples, chips), summarize("hardware FLOPs utilization (tflops_per_device / nominal)",
                        hfus.stream().mapToDouble(Double::doubleValue).toArray(), hfuLabels));
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
