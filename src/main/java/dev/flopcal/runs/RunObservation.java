package dev.flopcal.runs;

import dev.flopcal.core.Precision;

/**
 * What {@link PublishedRunFitter} derives from one published run. Every figure is NaN when the run does not
 * state what it needs.
 *
 * @param run the row
 * @param precision the precision whose nominal peak applies (see {@link PublishedRunFitter#trainingPrecision}),
 *     null when the hardware is not in the catalog
 * @param nominalFlopsPerDevice that peak in FLOP/s
 * @param flops the run's training FLOPs ({@link PublishedRun#flops()})
 * @param flopsBasis which formula gave {@code flops}
 * @param reportedDeviceHours device-hours as reported, or devices × days × 24
 * @param deviceHoursDerived true when computed from devices and days
 * @param inRunUtilization achieved / nominal while training: the reported MFU, or tflops_per_device / nominal when
 *     only that is given (which may include recomputed FLOPs, i.e. hardware FLOPs utilization)
 * @param inRunBasis {@code "mfu"} or {@code "tflops_per_device / nominal"}, empty when unknown
 * @param effectiveUtilization flops / (reported device-hours × 3600 × nominal): utilization over the whole run,
 *     restarts and stalls included
 * @param idealDeviceHours flops / (in-run utilization × nominal) / 3600: the device-hours had the run never stopped
 * @param overheadFactor reported device-hours / ideal device-hours
 */
public record RunObservation(PublishedRun run, Precision precision, double nominalFlopsPerDevice, double flops,
        String flopsBasis, double reportedDeviceHours, boolean deviceHoursDerived, double inRunUtilization,
        String inRunBasis, double effectiveUtilization, double idealDeviceHours, double overheadFactor) {
}
