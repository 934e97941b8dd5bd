package dev.flopcal.estimation;

import java.util.Locale;

import dev.flopcal.core.InvalidInputException;

/**
 * The base scenario's rate per device and its device-hours: which achieved throughput applies. The first that is
 * known wins:
 * <ol>
 *   <li>a given duration ({@code --days}, {@code --hours}): the rate is implied, FLOPs / (devices × hours);</li>
 *   <li>{@code --utilization} × the profile's nominal peak;</li>
 *   <li>{@code --tokens-per-second-per-device} × the FLOPs per token;</li>
 *   <li>the profile's achieved figure (measured by {@code calibrate}, or fitted from published runs);</li>
 *   <li>the in-run utilization fitted from published runs ({@link ScenarioFactors}) × the nominal peak.</li>
 * </ol>
 *
 * @param achievedFlopsPerDevice FLOP/s per device, null when a duration was given without FLOPs
 * @param source how it was obtained, printed as the throughput source
 * @param deviceHours the base scenario's device-hours, &gt; 0
 * @param nominalFlopsPerDevice the spec-sheet peak in FLOP/s, null without a profile
 */
record BaseThroughput(Double achievedFlopsPerDevice, String source, double deviceHours, Double nominalFlopsPerDevice) {

    /** Achieved / nominal, a fraction; null when either is unknown. */
    Double utilization() {
        return achievedFlopsPerDevice == null || nominalFlopsPerDevice == null ? null
                : achievedFlopsPerDevice / nominalFlopsPerDevice;
    }

    /**
     * Resolves the rate of a checked request.
     *
     * @param device the profile's figures, null without {@code --profile}
     * @throws InvalidInputException when no rate can be told, naming what is missing
     */
    static BaseThroughput resolve(EstimateRequest r, JobFlops job, DeviceThroughput device, ScenarioFactors factors,
            Assumptions assume) {
        int devices = r.hardware().devices();
        Double nominal = device == null ? null : device.nominalFlopsPerDevice();
        Double flops = job.flops();
        Double givenHours = r.duration().days() != null ? Double.valueOf(r.duration().days() * 24) : r.duration().hours();
        if (givenHours != null) {
            double deviceHours = devices * givenHours;
            return new BaseThroughput(flops == null ? null : flops / (deviceHours * Estimator.SECONDS_PER_HOUR),
                    flops == null ? "unknown: the duration was given and the FLOPs were not"
                            : "implied by the FLOPs and the given duration: FLOPs / (devices × hours × 3600)",
                    deviceHours, nominal);
        }
        Rate rate = rate(r, job, device, factors, assume);
        return new BaseThroughput(rate.flopsPerDevice(), rate.how(), flops / rate.flopsPerDevice()
                / Estimator.SECONDS_PER_HOUR, nominal);
    }

    private record Rate(double flopsPerDevice, String how) {
    }

    private static Rate rate(EstimateRequest r, JobFlops job, DeviceThroughput device, ScenarioFactors factors,
            Assumptions assume) {
        Double utilization = r.throughput().utilization();
        Double tokensPerSecond = r.throughput().tokensPerSecondPerDevice();
        if (utilization != null) {
            if (device == null) {
                throw new InvalidInputException("--utilization " + Checks.show(utilization)
                        + " needs --profile: utilization is a fraction of the profile's nominal peak");
            }
            assume.put("utilization", utilization, "fraction of nominal", "given (--utilization)");
            return new Rate(utilization * device.nominalFlopsPerDevice(), "--utilization " + Checks.show(utilization)
                    + " × nominal");
        }
        if (tokensPerSecond != null) {
            double flopsPerToken;
            if (job.workload() != null) {
                flopsPerToken = job.workload().flopsPerToken();
            } else if (r.job().tokens() != null) {
                flopsPerToken = job.flops() / r.job().tokens();
            } else {
                throw new InvalidInputException("--tokens-per-second-per-device " + Checks.show(tokensPerSecond)
                        + " needs the FLOPs per token: give --params, or --tokens with --flops");
            }
            assume.put("tokensPerSecondPerDevice", tokensPerSecond, "tokens/s per device",
                    "given (--tokens-per-second-per-device)");
            return new Rate(tokensPerSecond * flopsPerToken, String.format(Locale.ROOT,
                    "--tokens-per-second-per-device %s × %.4g FLOPs per token", Checks.show(tokensPerSecond),
                    flopsPerToken));
        }
        if (device == null) {
            throw new InvalidInputException("cannot tell the throughput: give --profile (with --utilization, or the fitted"
                    + " default), --tokens-per-second-per-device, or a duration with --days or --hours");
        }
        if (device.hasAchieved()) {
            return new Rate(device.achievedFlopsPerDevice(), device.obtainedBy());
        }
        if (Double.isNaN(factors.utilization())) {
            throw new InvalidInputException(device.id() + " has only a spec-sheet figure and no published run states a"
                    + " utilization: give --utilization or --tokens-per-second-per-device");
        }
        assume.put("utilization", factors.utilization(), "fraction of nominal", factors.utilizationBasis());
        return new Rate(factors.utilization() * device.nominalFlopsPerDevice(), String.format(Locale.ROOT,
                "fitted in-run utilization %.3f × nominal (no measured profile or --utilization given)",
                factors.utilization()));
    }
}
