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
import dev.flopcal.runs.HardwareFit;
import dev.flopcal.runs.PublishedRunFit;
import dev.flopcal.runs.PublishedRunFitter;
import dev.flopcal.runs.PublishedRuns;
import dev.flopcal.runs.RunMean;
import dev.flopcal.runs.RunObservation;

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
 *       published runs on that hardware state an in-run utilization (MFU, or TFLOP/s per device over the
 *       nominal peak): status {@link FigureStatus#FITTED}; {@code utilization} = the mean over those runs (fraction of
 *       nominal); {@code utilizationError} = half-width of its 95% Student-t interval for the mean;
 *       {@code achievedFlops} and {@code achievedError} = the same × nominal (FLOP/s);
 *       {@code fits.utilization.ofNominal} = mean, standard error (s/√n) and 95% interval;
 *       {@code publishedRuns} = each run used, with its value and source. With one run, the errors and the
 *       interval are absent and the notes say why.</li>
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
        List<RunObservation> used = onHardware.stream().filter(o -> Double.isFinite(o.inRunUtilization())).toList();
        RunMean utilization = training.isEmpty() || used.isEmpty() ? null
                : fit.forHardware(spec.id()).map(HardwareFit::inRunUtilization).orElse(null);
        if (utilization != null && utilization.n() != used.size()) {
            throw new IllegalStateException(spec.id() + ": the fit counts " + utilization.n() + " runs with an in-run"
                    + " utilization, the observations " + used.size());
        }
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

    private static PrecisionProfile fitted(AcceleratorSpec spec, Precision p, double nominal, RunMean u,
                                           List<RunObservation> used) {
        for (RunObservation o : used) {
            if (o.precision() != p || o.nominalFlopsPerDevice() != nominal) {
                throw new IllegalArgumentException("the published-run fit was made over another catalog: it takes "
                        + o.run().model() + "'s nominal as " + o.precision() + " " + o.nominalFlopsPerDevice()
                        + " FLOP/s, the catalog row " + spec.id() + " gives " + p + " " + nominal);
            }
        }
        int n = u.n();
        double half = u.hasInterval() ? (u.upper() - u.lower()) / 2 : Double.NaN;
        Quantity ofNominal = u.estimate();
        PrecisionFits fits = new PrecisionFits(null, null, new PrecisionFits.Utilization(ofNominal, Quantity.unknown("1"),
                "none measured: published runs relate throughput to the datasheet peak only"));
        List<String> runs = used.stream().map(AcceleratorProfiles::describe).toList();
        return new PrecisionProfile(nominal, basis(spec, p, nominal), spec.source(), spec.needsCheck(), null,
                u.mean() * nominal, Quantity.nullIfNaN(half * nominal), null, u.mean(), Quantity.nullIfNaN(half),
                FigureStatus.FITTED, null, null, null, fits, runs, null, NominalKind.DATASHEET, null, null);
    }

    /** E.g. "OPT-175B: in-run utilization 0.471 = tflops_per_device 147 / nominal 312 TFLOP/s; source: Zhang ...". */
    private static String describe(RunObservation o) {
        String how = o.inRunBasis().equals("mfu") ? "reported MFU"
                : "tflops_per_device " + plain(o.run().tflopsPerDevice()) + " / nominal "
                + tera(o.nominalFlopsPerDevice()) + " TFLOP/s";
        return String.format(Locale.ROOT, "%s: in-run utilization %.3f = %s; source: %s", o.run().model(),
                o.inRunUtilization(), how, o.run().source());
    }

    private static List<String> runNotes(AcceleratorSpec spec, Optional<Precision> training,
                                         List<RunObservation> onHardware, List<RunObservation> used,
                                         RunMean utilization) {
        List<String> notes = new ArrayList<>();
        if (onHardware.isEmpty()) {
            notes.add("nominal only: no run in published-runs.csv used this hardware, so no achieved throughput is"
                    + " known (the estimator applies --utilization, --tokens-per-second-per-device or the utilization"
                    + " fitted from all published runs).");
            return notes;
        }
        if (training.isEmpty()) {
            notes.add("nominal only: " + runs(onHardware) + " used this hardware, but it has neither a bf16 nor an fp16"
                    + " peak to quote their utilization against.");
            return notes;
        }
        if (used.isEmpty()) {
            notes.add("nominal only: " + runs(onHardware) + " used this hardware, but " + (onHardware.size() == 1
                    ? "it states" : "none of them states") + " an MFU or TFLOP/s per device, so no in-run utilization"
                    + " can be fitted.");
            return notes;
        }
        Precision p = training.get();
        notes.add(String.format(Locale.ROOT, "%s achieved throughput = mean in-run utilization of %d published run%s on"
                + " this hardware × the %s dense peak%s; the other precisions are nominal only. Published runs quote"
                + " utilization against the training format's tensor peak: bf16, else fp16.", p, used.size(),
                used.size() == 1 ? "" : "s", p, utilization.hasInterval() ? " (" + utilization.summary() + ")" : ""));
        if (!utilization.hasInterval()) {
            notes.add(p + " utilization rests on one run (" + used.get(0).run().model() + "): achievedError,"
                    + " utilizationError, the standard error and the 95% interval are absent, because an interval needs"
                    + " at least 2 runs.");
        }
        List<RunObservation> hardwareFlops = used.stream().filter(o -> !o.inRunBasis().equals("mfu")).toList();
        if (!hardwareFlops.isEmpty()) {
            notes.add(runs(hardwareFlops) + " state TFLOP/s per device rather than MFU; such figures may count"
                    + " recomputed FLOPs (hardware FLOPs utilization) and read higher than MFU.");
        }
        List<RunObservation> unused = onHardware.stream().filter(o -> !used.contains(o)).toList();
        if (!unused.isEmpty()) {
            notes.add(runs(unused) + " also used this hardware but state no MFU or TFLOP/s per device: not used.");
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
