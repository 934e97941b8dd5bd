package dev.flopcal.estimation;

import java.util.Locale;

import dev.flopcal.core.InvalidInputException;

/**
 * Checkpoints, failures and interruptions of the job: the checkpoint size and write time, the job's interruption
 * rate (device failures, and reclaimed instances on spot), the checkpoint interval (given, or Young/Daly's), and
 * the {@link FailureModel} that turns them into lost time.
 *
 * @param model the lost-time arithmetic
 * @param sizeGb one checkpoint in GB, null when unknown (no {@code --params}, or not full training)
 * @param output the figures as printed
 */
record CheckpointPlan(FailureModel model, Double sizeGb, Estimate.Checkpointing output) {

    /**
     * Plans the checkpoints of a checked request.
     *
     * @throws InvalidInputException when more time would be lost than gained (the run would never finish)
     */
    static CheckpointPlan of(EstimateRequest r, WorkloadMode mode, PricingModel pricing, Assumptions assume) {
        int devices = r.hardware().devices();
        EstimateRequest.Reliability given = r.reliability();
        Double sizeGb = null;
        String sizeNote = "";
        if (mode == WorkloadMode.TRAINING) {
            double bytesPerParam = assume.pick("checkpointBytesPerParam", r.storage().checkpointBytesPerParam(),
                    Defaults.CHECKPOINT_BYTES_PER_PARAM, "bytes/param", Defaults.CHECKPOINT_BYTES_SOURCE);
            sizeGb = r.job().params() == null ? null : r.job().params() * bytesPerParam / 1e9;
        } else {
            // LoRA checkpoints hold only the adapters (their size is not an input); inference writes none
            sizeNote = mode == WorkloadMode.ADAPTER
                    ? "lora: checkpoints hold only the adapter weights, whose size is not known; "
                    : "inference writes no checkpoints; ";
        }
        double deviceMtbf = assume.pick("deviceMtbfHours", given.deviceMtbfHours(), Defaults.DEVICE_MTBF_HOURS,
                "device-hours", Defaults.DEVICE_MTBF_SOURCE);
        double restartHours = assume.pick("restartMinutes", given.restartMinutes(), Defaults.RESTART_HOURS * 60, "min",
                Defaults.RESTART_SOURCE) / 60;
        double failuresPerHour = devices / deviceMtbf;
        double spotPerHour = pricing == PricingModel.SPOT ? spotInterruptionsPerHour(r.spot(), devices, assume) : 0;
        double jobMtbf = 1 / (failuresPerHour + spotPerHour);

        String note = "";
        Double writeSeconds = given.checkpointWriteSeconds();
        if (writeSeconds != null) {
            assume.put("checkpointWriteSeconds", writeSeconds, "s", "given (--checkpoint-write-seconds)");
        } else if (sizeGb != null) {
            writeSeconds = sizeGb / (devices * Defaults.CHECKPOINT_WRITE_GB_PER_S_PER_DEVICE);
            assume.put("checkpointWriteSeconds", writeSeconds, "s", Defaults.CHECKPOINT_WRITE_SOURCE);
        }
        Double youngDaly = writeSeconds == null ? null
                : FailureModel.youngDalyIntervalHours(writeSeconds / Estimator.SECONDS_PER_HOUR, jobMtbf);
        double interval;
        if (given.checkpointIntervalHours() != null) {
            interval = given.checkpointIntervalHours();
            assume.put("checkpointIntervalHours", interval, "h", "given (--checkpoint-interval-hours)");
        } else if (youngDaly != null) {
            interval = youngDaly;
            assume.put("checkpointIntervalHours", interval, "h", Defaults.CHECKPOINT_INTERVAL_SOURCE);
        } else {
            interval = 0;
            note = sizeNote + "checkpoint size unknown (no --params or --checkpoint-write-seconds): each interruption counts"
                    + " only its restart time, a lower bound";
        }
        double writeHours;
        if (writeSeconds == null) {
            writeHours = 0;
            if (note.isEmpty()) {
                note = sizeNote + "checkpoint write time unknown (no --params or --checkpoint-write-seconds): counted as 0";
            }
        } else {
            writeHours = writeSeconds / Estimator.SECONDS_PER_HOUR;
        }
        FailureModel model = new FailureModel(writeHours, restartHours, failuresPerHour, spotPerHour, interval);
        if (model.totalLostFraction() >= 1) {
            throw new InvalidInputException(String.format(Locale.ROOT, "the run would never finish: with a job MTBF of %.3g h"
                    + " and %.3g h lost per interruption, more time is lost than gained; check --devices %d,"
                    + " --device-mtbf-hours, --restart-minutes and --checkpoint-interval-hours", jobMtbf,
                    model.lostHoursPerInterruption(), devices));
        }
        Estimate.Checkpointing output = new Estimate.Checkpointing(sizeGb, writeSeconds, deviceMtbf, jobMtbf, spotPerHour,
                interval, youngDaly, model.lostHoursPerInterruption(), model.checkpointWriteFraction(),
                model.failureLostFraction(), model.spotLostFraction(), note);
        return new CheckpointPlan(model, sizeGb, output);
    }

    /**
     * The failure model of a training job of {@code params} parameters on {@code devices} devices with every default:
     * the device MTBF, restart time and checkpoint bandwidth of Llama 3, a checkpoint of 14 bytes per parameter and
     * Young/Daly's interval. It is what the estimator adds to a job of that size, so published runs' overheads are
     * measured net of it ({@link ScenarioFactors}).
     */
    static FailureModel defaultModel(int devices, double params) {
        double writeHours = params * Defaults.CHECKPOINT_BYTES_PER_PARAM / 1e9
                / (devices * Defaults.CHECKPOINT_WRITE_GB_PER_S_PER_DEVICE) / Estimator.SECONDS_PER_HOUR;
        double failuresPerHour = devices / Defaults.DEVICE_MTBF_HOURS;
        return new FailureModel(writeHours, Defaults.RESTART_HOURS, failuresPerHour, 0,
                FailureModel.youngDalyIntervalHours(writeHours, 1 / failuresPerHour));
    }

    /** Whole instances are reclaimed, so the devices count in instances, rounded up. */
    private static double spotInterruptionsPerHour(EstimateRequest.Spot spot, int devices, Assumptions assume) {
        double rate = assume.pick("spotInterruptionRate", spot.spotInterruptionRate(),
                Defaults.SPOT_INTERRUPTIONS_PER_INSTANCE_MONTH, "fraction of instances per month",
                Defaults.SPOT_INTERRUPTION_SOURCE);
        double perInstance = assume.pick("devicesPerInstance", spot.devicesPerInstance(), Defaults.DEVICES_PER_INSTANCE,
                "devices", Defaults.DEVICES_PER_INSTANCE_SOURCE);
        double instances = Math.ceil(devices / perInstance);
        return instances * rate / Defaults.HOURS_PER_MONTH;
    }
}
