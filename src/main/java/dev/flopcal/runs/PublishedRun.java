package dev.flopcal.runs;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One row of {@code published-runs.csv}: a large training run and what its authors reported. Figures the
 * source does not state are {@code NaN} (0 for {@code devices}, empty for text).
 *
 * @param line line number in the file
 * @param model e.g. {@code "PaLM 540B"}
 * @param params total parameters (count)
 * @param activeParams active parameters per token for mixture-of-experts models (count), NaN for dense
 * @param tokens training tokens (count)
 * @param hardware an {@code accelerators.csv} id (may be one the catalog lacks, e.g. {@code tpu-v3}), or empty
 * @param devices accelerators used, 0 when not stated
 * @param wallClockDays training duration in days
 * @param deviceHours accelerator-hours as reported
 * @param mfu model FLOPs utilization, a fraction
 * @param tflopsPerDevice achieved TFLOP/s per device as reported (may count recomputation: hardware FLOPs)
 * @param trainingFlops total training FLOPs as reported
 * @param energyMwh reported energy in MWh
 * @param co2Tonnes reported emissions in tonnes CO2e
 * @param costUsd reported cost in USD
 * @param powerWPerDevice power per device used by the source for energy, W
 * @param notes the file's notes
 * @param source the citation
 */
public record PublishedRun(int line, String model, double params, double activeParams, double tokens, String hardware,
        int devices, double wallClockDays, double deviceHours, double mfu, double tflopsPerDevice, double trainingFlops,
        double energyMwh, double co2Tonnes, double costUsd, double powerWPerDevice, String notes, String source) {

    /** Active parameters when stated (mixture-of-experts), else all parameters; NaN when neither is known. */
    public double paramsPerToken() {
        return Double.isNaN(activeParams) ? params : activeParams;
    }

    /** Reported device-hours, or devices × wall-clock days × 24 when only those are stated; NaN otherwise. */
    public double reportedDeviceHours() {
        if (!Double.isNaN(deviceHours)) {
            return deviceHours;
        }
        return devices > 0 ? devices * wallClockDays * 24 : Double.NaN;
    }

    /** True when {@link #reportedDeviceHours()} was computed from devices and days rather than stated. */
    public boolean deviceHoursDerived() {
        return Double.isNaN(deviceHours) && !Double.isNaN(reportedDeviceHours());
    }

    /** The run's FLOPs: {@code training_flops} when stated, else 6 · (active) params · tokens; NaN if unknown. */
    public double flops() {
        return Double.isNaN(trainingFlops) ? 6 * paramsPerToken() * tokens : trainingFlops;
    }

    private static final Pattern PUE = Pattern.compile("\\bPUE (\\d+(?:\\.\\d+)?)");

    /**
     * The power usage effectiveness the notes state for the energy figure ("... x PUE 1.1 = 1289 MWh"), NaN when
     * they state none: a stated PUE makes {@code energy_mwh} facility energy (device energy × PUE), otherwise it is
     * device energy (device power × hours), as BLOOM's 433 MWh = 1,082,990 device-hours × 400 W.
     */
    public double statedPue() {
        Matcher m = PUE.matcher(notes);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    /** Which formula {@link #flops()} used. */
    public String flopsBasis() {
        if (!Double.isNaN(trainingFlops)) {
            return "reported training_flops";
        }
        return Double.isNaN(activeParams) ? "6·N·D" : "6·N_active·D";
    }
}
