package dev.flopcal.estimation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class StoragePlanTest {
    @Test
    void storageIsCheckpointsKeptPlusDatasetPerGbMonthAndEgressOnce() {
        // 980 GB checkpoints, 2 kept; 2e12 tokens × 4 bytes = 8,000 GB of data; 0.023 USD per GB-month
        StoragePlan plan = StoragePlan.of(new EstimateRequest.Storage(null, null, null, null, 1000.0, null), 2e12, 980.0,
                new Assumptions());
        assertEquals(1960, plan.checkpointGbStored(), 1e-9);
        assertEquals(8000, plan.datasetGb(), 1e-9);
        // one month (730 h) of storage
        assertEquals(1960 * 0.023, plan.checkpointUsd(730), 1e-9);
        assertEquals(8000 * 0.023, plan.datasetUsd(730), 1e-9);
        assertEquals(1960 * 0.023 / 2 + 8000 * 0.023 / 2, plan.storageUsd(365), 1e-9);
        assertEquals(1000 * 0.09, plan.egressUsd(), 1e-12);
    }

    @Test
    void unknownCheckpointsAndTokensStoreNothing() {
        StoragePlan plan = StoragePlan.of(EstimateRequest.Storage.EMPTY, null, null, new Assumptions());
        assertEquals(0, plan.storageUsd(730));
        assertEquals(0, plan.egressUsd());
    }
}
