package dev.flopcal.estimation;

/**
 * What the job keeps in storage while it runs and moves out of the cloud.
 *
 * <pre>
 *   storage cost = (checkpoint GB × checkpoints kept + dataset GB) × USD per GB-month × wall-clock hours / 730
 *   egress cost  = egress GB × USD per GB
 * </pre>
 *
 * @param checkpointGbStored checkpoint GB kept at once (0 when the checkpoint size is unknown)
 * @param datasetGb dataset GB kept
 * @param usdPerGbMonth storage price
 * @param egressUsd egress cost, once per run
 */
record StoragePlan(double checkpointGbStored, double datasetGb, double usdPerGbMonth, double egressUsd) {

    /**
     * The storage of a checked request.
     *
     * @param tokens the job's tokens, for the default dataset size; null when unknown
     * @param checkpointSizeGb one checkpoint in GB, null when unknown
     */
    static StoragePlan of(EstimateRequest.Storage storage, Double tokens, Double checkpointSizeGb, Assumptions assume) {
        double price = assume.pick("storagePrice", storage.storagePrice(), Defaults.STORAGE_USD_PER_GB_MONTH,
                "USD/GB-month", Defaults.STORAGE_SOURCE);
        double kept = assume.pick("checkpointsKept", storage.checkpointsKept(), Defaults.CHECKPOINTS_KEPT, "checkpoints",
                Defaults.CHECKPOINTS_KEPT_SOURCE);
        double datasetGb = datasetGb(storage.datasetGb(), tokens, assume);
        double egressGb = assume.pick("egressGb", storage.egressGb(), Defaults.EGRESS_GB, "GB", Defaults.EGRESS_SOURCE);
        double egressPrice = assume.pick("egressPrice", storage.egressPrice(), Defaults.EGRESS_USD_PER_GB, "USD/GB",
                Defaults.EGRESS_PRICE_SOURCE);
        double checkpointGb = checkpointSizeGb == null ? 0 : checkpointSizeGb;
        return new StoragePlan(checkpointGb * kept, datasetGb, price, egressGb * egressPrice);
    }

    private static double datasetGb(Double given, Double tokens, Assumptions assume) {
        if (given != null) {
            assume.put("datasetGb", given, "GB", "given (--dataset-gb)");
            return given;
        }
        if (tokens == null) {
            assume.put("datasetGb", 0.0, "GB", "tokens unknown: dataset storage not counted (--dataset-gb)");
            return 0;
        }
        double gb = tokens * Defaults.DATASET_BYTES_PER_TOKEN / 1e9;
        assume.put("datasetGb", gb, "GB", Defaults.DATASET_SOURCE);
        return gb;
    }

    /** Checkpoint storage for {@code wallClockHours}, USD. */
    double checkpointUsd(double wallClockHours) {
        return checkpointGbStored * usdPerGbMonth * wallClockHours / Defaults.HOURS_PER_MONTH;
    }

    /** Dataset storage for {@code wallClockHours}, USD. */
    double datasetUsd(double wallClockHours) {
        return datasetGb * usdPerGbMonth * wallClockHours / Defaults.HOURS_PER_MONTH;
    }

    /** All storage for {@code wallClockHours}, USD. */
    double storageUsd(double wallClockHours) {
        return checkpointUsd(wallClockHours) + datasetUsd(wallClockHours);
    }
}
