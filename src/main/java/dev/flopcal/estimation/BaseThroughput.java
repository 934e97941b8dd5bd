package dev.flopcal.estimation;

import java.util.List;
import java.util.Locale;

import dev.flopcal.core.InvalidInputException;

/**
 * The base scenario's rate per device and its device-hours: which achieved throughput applies. The first that is
 * known wins:
 * <ol>
 *   <li>a given duration ({@code --days}, {@code --hours}): the rate is implied, FLOPs / (devices × hours);</li>
 *   <li>{@code --tokens-per-second-per-device}: tokens / the rate;</li>
 *   <li>a compute rate, then, for {@code --mode inference}, the roofline of {@link DecodingRate}; else FLOPs / the
 *       rate. The compute rate is the first known of: {@code --utilization} × the profile's nominal peak, counting
 *       model FLOPs (MFU, the default) or hardware FLOPs ({@code --utilization-kind hfu}); the profile's achieved
 *       figure, measured by {@code calibrate} (a rate of executed FLOPs: hardware FLOPs) or fitted from published runs
 *       (an in-run MFU); the in-run MFU predicted from published runs ({@link ScenarioFactors}) × the nominal peak.</li>
 * </ol>
 * A rate of hardware FLOPs takes the hardware FLOPs' time (with {@code --recompute}, 8/6 of the model FLOPs'); an MFU
 * takes the model FLOPs' time, recomputation being inside the MFU a run reaches.
 *
 * @param deviceHours              the base scenario's device-hours, &gt; 0
 * @param nominalFlopsPerDevice    the spec-sheet peak in FLOP/s, null without a profile
 * @param modelFlopsPerDevice      model FLOP/s per device over the base scenario, null without FLOPs
 * @param hardwareFlopsPerDevice   executed FLOP/s per device, null without FLOPs
 * @param utilizationKind          which FLOPs the given or fitted figure counted, null when implied
 * @param source                   how the rate was obtained, printed as the throughput source
 * @param measuredSlowFactor       the measurement's own slow factor when the rate is a measurement (achieved / its lower
 *                                 bound), else null
 * @param measuredSlowBasis        where it comes from
 * @param tokensPerSecondPerDevice tokens (generated, for inference) per second per device, null without tokens
 * @param limitedBy                what bounds that rate: "compute", "memory bandwidth", "given tokens per second" or
 *                                 "given duration"
 * @param decoding                 the roofline of an inference job, else null
 */
record BaseThroughput(double deviceHours, Double nominalFlopsPerDevice, Double modelFlopsPerDevice,
        Double hardwareFlopsPerDevice, UtilizationKind utilizationKind, String source, Double measuredSlowFactor,
        String measuredSlowBasis, Double tokensPerSecondPerDevice, String limitedBy, Estimate.Decoding decoding) {

    /** Model FLOPs utilization, a fraction; null when either figure is unknown. */
    Double utilization() {
        return modelFlopsPerDevice == null || nominalFlopsPerDevice == null ? null
                : modelFlopsPerDevice / nominalFlopsPerDevice;
    }

    /** Hardware FLOPs utilization, a fraction; null when either figure is unknown. */
    Double hardwareUtilization() {
        return hardwareFlopsPerDevice == null || nominalFlopsPerDevice == null ? null
                : hardwareFlopsPerDevice / nominalFlopsPerDevice;
    }

    /**
     * Resolves the rate of a checked request.
     *
     * @param device   the profile's figures, null without {@code --profile}
     * @param decoding an inference job's decoding inputs, null for training
     * @throws InvalidInputException when no rate can be told, naming what is missing
     */
    static BaseThroughput resolve(EstimateRequest r, JobFlops job, DeviceThroughput device, DecodingRate.Inputs decoding,
            ScenarioFactors factors, Assumptions assume, List<String> notes) {
        int devices = r.hardware().devices();
        Double nominal = device == null ? null : device.nominalFlopsPerDevice();
        Double tokens = r.job().tokens();
        Double givenHours = r.duration().days() != null ? Double.valueOf(r.duration().days() * 24) : r.duration().hours();
        if (givenHours != null) {
            double deviceHours = devices * givenHours;
            return of(deviceHours, job, nominal, null, job.flops() == null ? "unknown: the duration was given and the FLOPs"
                    + " were not" : "implied by the FLOPs and the given duration: FLOPs / (devices × hours × 3600)", null,
                    null, tokens, "given duration", null);
        }
        Double tokensPerSecond = r.throughput().tokensPerSecondPerDevice();
        if (tokensPerSecond != null) {
            if (tokens == null) {
                throw new InvalidInputException("--tokens-per-second-per-device " + Checks.show(tokensPerSecond)
                        + " needs --tokens: the time is tokens / the rate");
            }
            assume.put("tokensPerSecondPerDevice", tokensPerSecond, "tokens/s per device",
                    "given (--tokens-per-second-per-device)");
            return of(tokens / tokensPerSecond / Estimator.SECONDS_PER_HOUR, job, nominal, null,
                    "--tokens-per-second-per-device " + Checks.show(tokensPerSecond), null, null, tokens,
                    "given tokens per second", null);
        }
        Rate rate = rate(r, device, factors, assume);
        if (decoding != null && job.workload() != null) {
            double prompt = r.inference().promptTokens() == null ? 0 : r.inference().promptTokens();
            assume.pick("promptTokens", r.inference().promptTokens(), 0.0, "tokens", Defaults.PROMPT_TOKENS_SOURCE);
            // inference recomputes nothing, so a hardware rate is a model rate there
            DecodingRate d = DecodingRate.of(decoding, job.workload(), rate.flopsPerSecond(), tokens, prompt, notes);
            boolean memoryBound = d.limitedBy().equals("memory bandwidth");
            double slow = memoryBound ? d.measuredSlowFactor() : rate.measuredSlowFactor();
            if (memoryBound && !Double.isFinite(slow)) {
                notes.add("slow scenario: no spread of decoding's bandwidth efficiency is in published-runs.csv, so the"
                        + " spread of published training runs' utilization stands in for it (--slow-factor)");
            }
            return of(d.deviceSeconds() / Estimator.SECONDS_PER_HOUR, job, nominal, rate.kind(), (memoryBound
                    ? "decoding bound by memory bandwidth; compute at " : "decoding bound by compute at ") + rate.how(),
                    Double.isFinite(slow) ? slow : null, memoryBound ? "measured DRAM bandwidth / the lower end of its 95%"
                    + " interval" : rate.slowBasis(), tokens, d.limitedBy(), d.output());
        }
        boolean hardware = rate.kind() == UtilizationKind.HFU;
        double flops = hardware ? job.hardwareFlops() : job.flops();
        double deviceHours = flops / rate.flopsPerSecond() / Estimator.SECONDS_PER_HOUR;
        BaseThroughput implied = of(deviceHours, job, nominal, rate.kind(), rate.how(),
                Double.isFinite(rate.measuredSlowFactor()) ? rate.measuredSlowFactor() : null, rate.slowBasis(), tokens,
                "compute", null);
        // the rate as given, not as recomputed from the time: 240e9, not 2.4000000000000003e11
        double ratio = job.hardwareFlops() / job.flops();
        return new BaseThroughput(deviceHours, nominal, hardware ? rate.flopsPerSecond() / ratio : rate.flopsPerSecond(),
                hardware ? rate.flopsPerSecond() : rate.flopsPerSecond() * ratio, rate.kind(), implied.source(),
                implied.measuredSlowFactor(), implied.measuredSlowBasis(), implied.tokensPerSecondPerDevice(),
                implied.limitedBy(), null);
    }

    private static BaseThroughput of(double deviceHours, JobFlops job, Double nominal, UtilizationKind kind, String source,
            Double measuredSlow, String slowBasis, Double tokens, String limitedBy, Estimate.Decoding decoding) {
        double seconds = deviceHours * Estimator.SECONDS_PER_HOUR;
        Double generated = tokens == null ? null : tokens / seconds;
        if (decoding != null) {
            generated = tokens / (decoding.decodeDeviceHours() * Estimator.SECONDS_PER_HOUR);
        }
        return new BaseThroughput(deviceHours, nominal, job.flops() == null ? null : job.flops() / seconds,
                job.hardwareFlops() == null ? null : job.hardwareFlops() / seconds, kind, source, measuredSlow, slowBasis,
                generated, limitedBy, decoding);
    }

    /**
     * A compute rate per device.
     *
     * @param flopsPerSecond     FLOP/s of the {@code kind}'s FLOPs
     * @param kind               which FLOPs it counts
     * @param how                how it was obtained
     * @param measuredSlowFactor achieved / lower bound of a measurement, NaN when not measured
     * @param slowBasis          where that comes from
     */
    private record Rate(double flopsPerSecond, UtilizationKind kind, String how, double measuredSlowFactor,
            String slowBasis) {
        /** The model FLOP/s: a hardware rate executes no recomputation in inference, so the two agree there. */
        double modelFlopsPerSecond() {
            return flopsPerSecond;
        }
    }

    private static Rate rate(EstimateRequest r, DeviceThroughput device, ScenarioFactors factors, Assumptions assume) {
        Double utilization = r.throughput().utilization();
        if (utilization != null) {
            if (device == null) {
                throw new InvalidInputException("--utilization " + Checks.show(utilization)
                        + " needs --profile: utilization is a fraction of the profile's nominal peak");
            }
            UtilizationKind kind = r.throughput().utilizationKind() == null ? Defaults.UTILIZATION_KIND
                    : r.throughput().utilizationKind();
            assume.put("utilization", utilization, "fraction of nominal", "given (--utilization)");
            assume.pick("utilizationKind", r.throughput().utilizationKind() == null ? null : kind.id(), kind.id(), "",
                    Defaults.UTILIZATION_KIND_SOURCE);
            return new Rate(utilization * device.nominalFlopsPerDevice(), kind, "--utilization " + Checks.show(utilization)
                    + " (" + kind.id() + ") × nominal", Double.NaN, "");
        }
        if (device == null) {
            throw new InvalidInputException("cannot tell the throughput: give --profile (with --utilization, or the fitted"
                    + " default), --tokens-per-second-per-device, or a duration with --days or --hours");
        }
        if (device.hasAchieved() && device.achievedMeasured()) {
            double error = device.achievedError();
            double slow = Double.isFinite(error) && error < device.achievedFlopsPerDevice()
                    ? device.achievedFlopsPerDevice() / (device.achievedFlopsPerDevice() - error) : Double.NaN;
            return new Rate(device.achievedFlopsPerDevice(), UtilizationKind.HFU, device.obtainedBy()
                    + "; a measured rate of executed (hardware) FLOPs", slow, String.format(Locale.ROOT, "measured %.4g /"
                    + " (%.4g − its error %.4g) of profile %s", device.achievedFlopsPerDevice(),
                    device.achievedFlopsPerDevice(), error, device.id()));
        }
        if (device.hasAchieved()) {
            return new Rate(device.achievedFlopsPerDevice(), UtilizationKind.MFU, device.obtainedBy(), Double.NaN, "");
        }
        if (Double.isNaN(factors.utilization())) {
            throw new InvalidInputException(device.id() + " has only a spec-sheet figure and no published run states a"
                    + " utilization: give --utilization or --tokens-per-second-per-device");
        }
        assume.put("utilization", factors.utilization(), "MFU, fraction of nominal", factors.utilizationBasis());
        return new Rate(factors.utilization() * device.nominalFlopsPerDevice(), UtilizationKind.MFU, String.format(
                Locale.ROOT, "predicted in-run MFU %.3f × nominal (no measured profile or --utilization given)",
                factors.utilization()), Double.NaN, "");
    }
}
