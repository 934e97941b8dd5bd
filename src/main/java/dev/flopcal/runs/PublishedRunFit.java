package dev.flopcal.runs;

import java.util.List;
import java.util.Locale;

import dev.flopcal.hardware.AcceleratorCatalog;

/**
 * What published runs tell the estimator: the in-run utilization a run on each chip reaches (with its prediction
 * interval), the typical overhead of real runs over their in-run rate, and the hardware FLOPs utilizations kept
 * apart.
 *
 * @param observations             what was derived from each run, in file order
 * @param chips                    the chip groups of the catalog the fit was made over
 * @param typicalOverhead          reported / ideal device-hours of the runs that state an MFU and device-hours
 * @param utilization              the in-run (MFU) utilization model over every run that states an MFU or device-hours
 * @param hardwareFlopsUtilization the HFU figures ({@code tflops_per_device} / nominal), reported and not pooled
 */
public record PublishedRunFit(List<RunObservation> observations, ChipGroups chips, TypicalOverhead typicalOverhead,
        UtilizationModel utilization, RunMean hardwareFlopsUtilization) {

    public PublishedRunFit {
        observations = List.copyOf(observations);
    }

    /**
     * The geometric mean of reported / ideal device-hours over the runs that state both an MFU and device-hours: how
     * much longer real runs took than their in-run rate implies (failures, restarts, stragglers, evaluation).
     *
     * @param factor the geometric mean, NaN when no run states both
     * @param runs   the runs it rests on, each with its factor and device count
     */
    public record TypicalOverhead(double factor, List<RunObservation> runs) {
        public TypicalOverhead {
            runs = List.copyOf(runs);
        }

        /** E.g. {@code 1.282 (geometric mean of GPT-3 175B 1.081 on 10000 devices, PaLM 540B 1.520 on 6144)}. */
        public String summary() {
            if (runs.isEmpty()) {
                return "none: no published run states both an MFU and device-hours";
            }
            return String.format(Locale.ROOT, "%.3f (geometric mean of %s)", factor, String.join(", ", runs.stream()
                    .map(o -> String.format(Locale.ROOT, "%s %.3f on %s devices", o.run().model(), o.overheadFactor(),
                            o.run().devices() > 0 ? Integer.toString(o.run().devices()) : "?"))
                    .toList()));
        }
    }

    /** The fit of the shipped {@code published-runs.csv} over the shipped catalog (computed once). */
    public static PublishedRunFit shipped() {
        return Shipped.FIT;
    }

    private static final class Shipped {
        static final PublishedRunFit FIT = new PublishedRunFitter(AcceleratorCatalog.shipped())
                .fit(PublishedRuns.shipped());
    }

    /** The predicted in-run utilization of a run on {@code hardwareId} (null or unknown: all runs). */
    public UtilizationPrediction predict(String hardwareId) {
        return utilization.predict(hardwareId == null ? "" : hardwareId);
    }

    /** The observations whose in-run utilization entered the model for the chip of {@code hardwareId}. */
    public List<RunObservation> onChipOf(String hardwareId) {
        String group = chips.groupOf(hardwareId);
        return observations.stream().filter(o -> o.group().equals(group) && Double.isFinite(o.inRunUtilization()))
                .toList();
    }
}
