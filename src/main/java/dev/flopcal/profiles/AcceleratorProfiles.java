package dev.flopcal.profiles;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.flopcal.core.AtomicFiles;
import dev.flopcal.core.BuildInfo;
import dev.flopcal.core.InvalidInputException;
import dev.flopcal.core.Precision;
import dev.flopcal.core.Quantity;
import dev.flopcal.hardware.AcceleratorCatalog;
import dev.flopcal.hardware.AcceleratorSpec;
import dev.flopcal.runs.PublishedRunFit;
import dev.flopcal.runs.PublishedRunFitter;
import dev.flopcal.runs.PublishedRuns;
import dev.flopcal.runs.RunObservation;
import dev.flopcal.runs.UtilizationPrediction;

/**
 * Accelerator profiles: one {@link Profile} per row of {@code accelerators.csv}, with the row's id as profile id,
 * its datasheet figures, and the utilization fitted from {@code published-runs.csv} where runs on that hardware
 * state one. Same schema as the CPU profiles; {@code provenance.mode} is {@value #MODE} and there are no raw
 * results: the two CSV files are the inputs, and {@link ProfileVerifier#verifyAccelerator} rebuilds a profile from them.
 *
 * <p>What a profile holds:
 * <ul>
 *   <li><b>device</b>: kind ({@code gpu}/{@code tpu}), name, vendor, memory (GB), memory bandwidth (GB/s), TDP (W)
 *       and the row's source. A figure the row leaves empty is absent (TDP of the TPUs), never invented.</li>
 *   <li><b>one precision entry per dense peak in the row</b>: {@code nominalFlops} in FLOP/s (op/s for int8),
 *       its derivation ({@code nominalBasis}) and source. fp64 is the non-tensor (vector) figure; the fp64
 *       tensor-core figure is given in its basis text. Every entry of a row whose notes say "check" has
 *       {@code nominalEstimated = true}, and the profile's notes quote the row's words.</li>
 *   <li><b>the training precision</b> ({@link PublishedRunFitter#trainingPrecision}: bf16, else fp16), when
 *       published runs on that chip (the row or its memory variants, {@link dev.flopcal.runs.ChipGroups}) give an
 *       in-run MFU (stated, or inferred from device-hours): status {@link FigureStatus#FITTED};
 *       {@code utilization} = the centre of the in-run MFU a run on this hardware is predicted to reach
 *       ({@link dev.flopcal.runs.UtilizationModel}: partially pooled toward all runs), the figure the estimator
 *       uses; {@code utilizationError} = half the width of its 95% prediction interval (the interval itself is
 *       asymmetric: it is in {@code fits.utilization.ofNominal.ci95}, without a standard error, the model being in
 *       logs); {@code achievedFlops} and {@code achievedError} = the same × nominal (FLOP/s);
 *       {@code publishedRuns} = each run on the chip, with its value, how it was obtained and its source. Without
 *       a spread (fewer than two runs in all) the errors and the interval are absent and the notes say why.</li>
 *   <li><b>every other entry</b>: status {@link FigureStatus#NOMINAL_ONLY}, no achieved figure.</li>
 * </ul>
 *
 * <p>{@link #build} is a pure function of the catalog row, the fit and {@code createdAt}, and {@code createdAt}
 * only reaches the provenance: building twice gives the same numbers, which is what verification relies on.
 *
 * <pre>{@code
 * List<Profile> all = AcceleratorProfiles.build(AcceleratorCatalog.shipped(), PublishedRunFit.shipped(),
 *         Instant.now().toString());
 * List<Path> files = AcceleratorProfiles.writeAll(new ProfileStore(Path.of("results")), Instant.now().toString());
 * }</pre>
 */
public final class AcceleratorProfiles {
    /** {@code provenance.mode} of every accelerator profile. */
    public static final String MODE = "published-runs";

    private static final String CATALOG_FILE = "accelerators.csv";
    private static final String RUNS_FILE = "published-runs.csv";

    private AcceleratorProfiles() {
    }

    /**
     * One profile per catalog row, in file order.
     *
     * @param catalog   the accelerator catalog (ids become profile ids)
     * @param fit       utilization fitted from published runs over the same catalog (95% intervals)
     * @param createdAt ISO-8601 instant recorded in the provenance, e.g. {@code "2026-01-05T10:00:00Z"}
     * @throws InvalidInputException when a catalog id is not a valid profile id or {@code createdAt} is not an
     *                               ISO-8601 instant
     * @throws IllegalArgumentException when the fit was made over another catalog
     */
    public static List<Profile> build(AcceleratorCatalog catalog, PublishedRunFit fit, String createdAt) {
        return catalog.all().stream().map(spec -> build(spec, fit, createdAt)).toList();
    }

    /**
     * The profile of one catalog row.
     *
     * @param spec      the row
     * @param fit       utilization fitted from published runs (95% intervals)
     * @param createdAt ISO-8601 instant recorded in the provenance
     * @throws InvalidInputException when the row's id is not a valid profile id or {@code createdAt} is not an
     *                               ISO-8601 instant
     * @throws IllegalArgumentException when the fit's nominal peak for this hardware differs from the row's (a fit
     *                                  over another catalog)
     */
    public static Profile build(AcceleratorSpec spec, PublishedRunFit fit, String createdAt) {
        Ids.check(spec.id());
        checkInstant(createdAt);
        List<String> notes = new ArrayList<>();
        if (!spec.notes().isEmpty()) {
            notes.add(spec.needsCheck()
                    ? "accelerators.csv marks figures of this row 'check' (confirm against the vendor datasheet before"
                    + " relying on them); its notes read: \"" + spec.notes() + "\". Every nominal figure of the row is"
                    + " therefore flagged nominalEstimated."
                    : "accelerators.csv notes: \"" + spec.notes() + "\"");
        }
        if (spec.peakFlops(Precision.FP64).isEmpty() && !Double.isNaN(spec.fp64TensorFlopsPerSecond())) {
            notes.add("accelerators.csv gives an fp64 tensor-core peak of " + tera(spec.fp64TensorFlopsPerSecond())
                    + " TFLOP/s but no non-tensor fp64 figure: the profile has no fp64 entry.");
        }
        if (Double.isNaN(spec.tdpWatts())) {
            notes.add("accelerators.csv publishes no TDP for this device: tdpW is absent.");
        }

        Optional<Precision> training = PublishedRunFitter.trainingPrecision(spec);
        List<RunObservation> onHardware = fit.observations().stream()
                .filter(o -> o.run().hardware().equals(spec.id())).toList();
        List<RunObservation> used = training.isEmpty() ? List.of() : fit.onChipOf(spec.id());
        UtilizationPrediction utilization = used.isEmpty() ? null : fit.predict(spec.id());
        notes.addAll(runNotes(spec, training, onHardware, used, utilization));

        Map<String, PrecisionProfile> precisions = new LinkedHashMap<>();
        for (Precision p : spec.precisions()) {
            double nominal = spec.peakFlops(p).getAsDouble();
            boolean fitted = utilization != null && training.get() == p;
            precisions.put(p.id(), fitted ? fitted(spec, p, nominal, utilization, used)
                    : new PrecisionProfile(nominal, basis(spec, p, nominal), spec.source(), spec.needsCheck(), null,
                            null, null, null, null, null, FigureStatus.NOMINAL_ONLY, null, null, null, null, null, null,
                            NominalKind.DATASHEET, null, null));
        }

        LinkedHashSet<String> sources = new LinkedHashSet<>();
        sources.add(CATALOG_FILE + " (class path " + AcceleratorCatalog.RESOURCE + "), row " + spec.id() + ": "
                + spec.source());
        sources.add(RUNS_FILE + " (class path " + PublishedRuns.RESOURCE + ")");
        if (utilization != null) {
            used.forEach(o -> sources.add(o.run().source()));
        }
        Provenance provenance = new Provenance(createdAt, "flopcal " + BuildInfo.version(), null, null, MODE, null,
                null, null, null, null, List.copyOf(sources));
        Device device = new Device(spec.kind(), spec.name(), spec.vendor().isEmpty() ? null : spec.vendor(), null, null,
                null, null, null, null, null, null, null, null, null, null, null, Quantity.nullIfNaN(spec.memoryGb()),
                Quantity.nullIfNaN(spec.memoryBandwidthGbPerSecond()), Quantity.nullIfNaN(spec.tdpWatts()),
                spec.source());
        return new Profile(Profile.SCHEMA_VERSION, spec.id(), device, precisions, null, null, null, notes, provenance);
    }

    private static PrecisionProfile fitted(AcceleratorSpec spec, Precision p, double nominal, UtilizationPrediction u,
                                           List<RunObservation> used) {
        for (RunObservation o : used) {
            if (o.precision() != null && (o.precision() != p || o.nominalFlopsPerDevice() != nominal)) {
                throw new IllegalArgumentException("the published-run fit was made over another catalog: it takes "
                        + o.run().model() + "'s nominal as " + o.precision() + " " + o.nominalFlopsPerDevice()
                        + " FLOP/s, the catalog row " + spec.id() + " gives " + p + " " + nominal);
            }
        }
        double low = u.quantile(0.025);
        double high = u.quantile(0.975);
        double half = u.hasInterval() ? (high - low) / 2 : Double.NaN;
        Quantity ofNominal = Quantity.of(u.centre(), Double.NaN, low, high, "1");
        PrecisionFits fits = new PrecisionFits(null, null, new PrecisionFits.Utilization(ofNominal, Quantity.unknown("1"),
                "none measured: published runs relate throughput to the datasheet peak only"));
        List<String> runs = used.stream().map(AcceleratorProfiles::describe).toList();
        return new PrecisionProfile(nominal, basis(spec, p, nominal), spec.source(), spec.needsCheck(), null,
                u.centre() * nominal, Quantity.nullIfNaN(half * nominal), null, u.centre(), Quantity.nullIfNaN(half),
                FigureStatus.FITTED, null, null, null, fits, runs, null, NominalKind.DATASHEET, null, null);
    }

    /** E.g. "PaLM 540B (tpu-v4): in-run MFU 0.462 (MFU); source: Chowdhery ...". */
    private static String describe(RunObservation o) {
        return String.format(Locale.ROOT, "%s (%s): in-run MFU %.3f (%s); source: %s", o.run().model(), o.run().hardware(),
                o.inRunUtilization(), o.inRunBasis().equals("MFU") ? "stated MFU" : o.inRunBasis(), o.run().source());
    }

    private static List<String> runNotes(AcceleratorSpec spec, Optional<Precision> training,
                                         List<RunObservation> onHardware, List<RunObservation> used,
                                         UtilizationPrediction utilization) {
        List<String> notes = new ArrayList<>();
        if (training.isEmpty()) {
            if (!onHardware.isEmpty()) {
                notes.add("nominal only: " + runs(onHardware) + " used this hardware, but it has neither a bf16 nor an"
                        + " fp16 peak to quote their utilization against.");
            }
            return notes;
        }
        if (used.isEmpty()) {
            notes.add("nominal only: no run in published-runs.csv on this chip states an MFU or device-hours, so no"
                    + " achieved throughput is known (the estimator applies --utilization, --tokens-per-second-per-device"
                    + " or the in-run MFU predicted from all published runs).");
            return notes;
        }
        Precision p = training.get();
        notes.add(String.format(Locale.ROOT, "%s achieved throughput = the in-run MFU a run on this hardware is predicted to"
                + " reach, from %s on its chip (%s) and all published runs partially pooled, × the %s dense peak: %s. The"
                + " other precisions are nominal only. Published runs quote utilization against the training format's"
                + " tensor peak: bf16, else fp16.", p, runs(used), utilization.group(), p, utilization.summary()));
        if (!utilization.hasInterval()) {
            notes.add(p + " utilization has no spread: achievedError, utilizationError and the interval are absent ("
                    + utilization.note() + ").");
        }
        List<RunObservation> inferred = used.stream().filter(o -> !o.inRunStated()).toList();
        if (!inferred.isEmpty()) {
            notes.add(runs(inferred) + " state device-hours but no MFU: their in-run MFU is inferred as effective"
                    + " utilization (FLOPs / device-hours / nominal) × the typical overhead of the runs that state both.");
        }
        List<RunObservation> hardwareFlops = onHardware.stream().filter(o -> Double.isFinite(o.hfu())
                && !o.inRunStated()).toList();
        if (!hardwareFlops.isEmpty()) {
            notes.add(runs(hardwareFlops) + " state TFLOP/s per device, a hardware FLOPs utilization that counts"
                    + " recomputation they do not quantify: kept apart from MFU, not used as one.");
        }
        List<RunObservation> unused = onHardware.stream().filter(o -> !used.contains(o)).toList();
        if (!unused.isEmpty()) {
            notes.add(runs(unused) + " also used this hardware but state neither an MFU nor device-hours: not used.");
        }
        return notes;
    }

    private static String runs(List<RunObservation> observations) {
        List<String> models = observations.stream().map(o -> o.run().model()).toList();
        return (models.size() == 1 ? "1 published run (" : models.size() + " published runs (") + String.join(", ", models)
                + ")";
    }

    /** E.g. "datasheet dense peak 9.7 TFLOP/s, non-tensor (fp64 tensor core: 19.5 TFLOP/s)". */
    private static String basis(AcceleratorSpec spec, Precision p, double nominal) {
        String unit = p.isInteger() ? "TOP/s" : "TFLOP/s";
        StringBuilder b = new StringBuilder("datasheet dense peak ").append(tera(nominal)).append(' ').append(unit);
        if (p == Precision.FP64) {
            b.append(", non-tensor (fp64 tensor core: ").append(Double.isNaN(spec.fp64TensorFlopsPerSecond())
                    ? "not published" : tera(spec.fp64TensorFlopsPerSecond()) + " TFLOP/s").append(')');
        }
        b.append(" (").append(CATALOG_FILE).append(" ").append(p.isInteger() ? "int8_tops" : p.id() + "_tflops")
                .append(" × 10^12)");
        if (spec.needsCheck()) {
            b.append("; the row is marked 'check'");
        }
        return b.toString();
    }

    /** FLOP/s as the TFLOP/s the CSV wrote, without binary noise: 9.894e14 → "989.4". */
    private static String tera(double flops) {
        return plain(flops / 1e12);
    }

    private static String plain(double v) {
        return new BigDecimal(v).round(new MathContext(12)).stripTrailingZeros().toPlainString();
    }

    private static void checkInstant(String createdAt) {
        try {
            Instant.parse(createdAt);
        } catch (DateTimeParseException | NullPointerException e) {
            throw new InvalidInputException("createdAt '" + createdAt + "' is not an ISO-8601 instant such as"
                    + " 2026-01-05T10:00:00Z");
        }
    }

    // ---- writing ------------------------------------------------------------------------------------------------

    /**
     * Builds every accelerator profile of the shipped catalog and published runs and writes each atomically to
     * {@code store.profileFile(id)}. Every profile is built before the first is written, so a failure writes
     * nothing.
     *
     * @param store     where to write ({@code profiles/} under its results directory)
     * @param createdAt ISO-8601 instant recorded in the provenance
     * @return the files written, in catalog order
     * @throws IOException when a file cannot be written (files written before it stay, each complete)
     */
    public static List<Path> writeAll(ProfileStore store, String createdAt) throws IOException {
        return writeAll(store, AcceleratorCatalog.shipped(), PublishedRunFit.shipped(), createdAt);
    }

    /**
     * As {@link #writeAll(ProfileStore, String)} over another catalog and fit.
     *
     * @return the files written, in catalog order
     */
    public static List<Path> writeAll(ProfileStore store, AcceleratorCatalog catalog, PublishedRunFit fit,
                                      String createdAt) throws IOException {
        List<Profile> profiles = build(catalog, fit, createdAt);
        List<String> json = profiles.stream().map(ProfileIO::toJson).toList();
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < profiles.size(); i++) {
            Path file = store.profileFile(profiles.get(i).id());
            AtomicFiles.writeString(file, json.get(i));
            files.add(file);
        }
        return List.copyOf(files);
    }
}
