package dev.flopcal.runs;

import java.util.Locale;

import dev.flopcal.core.Precision;

/**
 * What {@link PublishedRunFitter} derives from one published run. Every figure is NaN when the run does not
 * state what it needs.
 *
 * <p>Utilization comes in kinds that are kept apart: the <b>model FLOPs utilization</b> (MFU) counts the model's
 * FLOPs (6·N per token in training) whatever the run executed; the <b>hardware FLOPs utilization</b> (HFU) counts
 * what the devices executed, recomputed activations included, so it reads higher when a run recomputes (PaLM:
 * MFU 0.462, HFU 0.578). {@code tflops_per_device} figures are HFU: OPT-175B's 147 and BLOOM's 156 TFLOP/s count
 * recomputation, and neither row states how much, so they cannot be converted and do not enter the MFU fit.
 *
 * @param run                   the row
 * @param group                 its chip group ({@link ChipGroups})
 * @param precision             the precision whose nominal peak applies (see {@link PublishedRunFitter#trainingPrecision}),
 *                              null when the hardware is not in the catalog
 * @param nominalFlopsPerDevice that peak in FLOP/s
 * @param flops                 the run's training FLOPs ({@link PublishedRun#flops()})
 * @param flopsBasis            which formula gave {@code flops}
 * @param reportedDeviceHours   device-hours as reported, or devices × days × 24
 * @param deviceHoursDerived    true when computed from devices and days
 * @param mfu                   the model FLOPs utilization the run states
 * @param hfu                   tflops_per_device / nominal: a hardware FLOPs utilization, kept apart from MFU
 * @param effectiveUtilization  flops / (reported device-hours × 3600 × nominal): utilization over the whole run,
 *                              restarts and stalls included
 * @param inRunUtilization      the MFU while training: the stated MFU, or, for a run that states device-hours but
 *                              no MFU, its effective utilization × the typical overhead of the runs that state both
 * @param inRunBasis            how {@code inRunUtilization} was obtained, empty when unknown
 * @param overheadFactor        reported device-hours / the device-hours at the stated MFU (runs stating both)
 */
public record RunObservation(PublishedRun run, String group, Precision precision, double nominalFlopsPerDevice,
        double flops, String flopsBasis, double reportedDeviceHours, boolean deviceHoursDerived, double mfu, double hfu,
        double effectiveUtilization, double inRunUtilization, String inRunBasis, double overheadFactor) {

    /** The device-hours had the run trained at its stated MFU without a stop: flops / (MFU × nominal) / 3600. */
    public double idealDeviceHours() {
        return flops / (mfu * nominalFlopsPerDevice) / 3600;
    }

    /** True when the in-run utilization was stated (an MFU), false when it was inferred from device-hours. */
    public boolean inRunStated() {
        return Double.isFinite(mfu);
    }

    /** E.g. {@code "PaLM 540B 0.462 (MFU)"} or {@code "Llama 2 7B 0.521 (effective 0.406 × overhead 1.282)"}. */
    public String label() {
        return String.format(Locale.ROOT, "%s %.3f (%s)", run.model(), inRunUtilization, inRunBasis);
    }

    /** A copy whose in-run utilization was inferred as effective × {@code typicalOverhead}. */
    RunObservation withInferredInRun(double typicalOverhead) {
        return new RunObservation(run, group, precision, nominalFlopsPerDevice, flops, flopsBasis, reportedDeviceHours,
                deviceHoursDerived, mfu, hfu, effectiveUtilization, effectiveUtilization * typicalOverhead,
                String.format(Locale.ROOT, "effective %.3f × typical overhead %.3f", effectiveUtilization, typicalOverhead),
                overheadFactor);
    }
}
