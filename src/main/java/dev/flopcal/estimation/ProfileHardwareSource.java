package dev.flopcal.estimation;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import dev.flopcal.core.InvalidInputException;
import dev.flopcal.core.Precision;
import dev.flopcal.core.Quantity;
import dev.flopcal.hardware.AcceleratorCatalog;
import dev.flopcal.hardware.AcceleratorSpec;
import dev.flopcal.profiles.Device;
import dev.flopcal.profiles.FigureStatus;
import dev.flopcal.profiles.PrecisionProfile;
import dev.flopcal.profiles.Profile;
import dev.flopcal.profiles.ProfileIO;
import dev.flopcal.profiles.ProfileStore;
import dev.flopcal.profiles.Roofline;

/**
 * Resolves {@code --profile ID|FILE} to hardware figures, trying in order:
 * <ol>
 *   <li>an existing file: a profile JSON read with {@link ProfileIO#read};</li>
 *   <li>the id of a profile published under the store's {@code profiles/} (a measured CPU profile, or an
 *       accelerator profile whose id is an {@code accelerators.csv} id);</li>
 *   <li>an {@code accelerators.csv} id ({@link CatalogHardwareSource}: spec sheet only).</li>
 * </ol>
 * From a profile, the nominal figure is the precision entry's {@code nominalFlops} and the achieved figure its
 * {@code achievedFlops} (measured by {@code calibrate}, or fitted from published runs); an entry that is
 * "nominal only" gives {@code NaN}, and the estimator then applies its own default utilization exactly as for a
 * catalog id. TDP is the device's {@code tdpW} ({@code NaN} when absent, as for CPU profiles).
 */
public final class ProfileHardwareSource implements HardwareSource {
    private final ProfileStore store;
    private final AcceleratorCatalog catalog;
    private final CatalogHardwareSource catalogSource;

    /** A source over the profiles of {@code store} and the shipped accelerator catalog. */
    public ProfileHardwareSource(ProfileStore store) {
        this(store, AcceleratorCatalog.shipped());
    }

    /** A source over the profiles of {@code store} and {@code catalog}. */
    public ProfileHardwareSource(ProfileStore store, AcceleratorCatalog catalog) {
        this.store = store;
        this.catalog = catalog;
        this.catalogSource = new CatalogHardwareSource(catalog);
    }

    /**
     * {@inheritDoc}
     *
     * <p>A catalog id typed in another case (e.g. {@code H100-SXM-80GB}) resolves to the published profile of
     * that id when there is one, so a catalog id and its profile never disagree.
     *
     * @throws InvalidInputException when the value is none of a file, a published id or a catalog id (the
     *     message lists the published and catalog ids); when the file is not a valid profile; when the profile
     *     has no entry for {@code precision} (the message lists the precisions it has) or the entry has no
     *     nominal figure
     */
    @Override
    public DeviceThroughput resolve(String idOrFile, Precision precision) {
        if (idOrFile == null || idOrFile.isBlank()) {
            throw new InvalidInputException("--profile is empty: give an accelerators.csv id, a profile id under "
                    + store.profilesDir() + " or a profile file");
        }
        Optional<Path> file = find(idOrFile);
        if (file.isPresent()) {
            return fromProfile(ProfileIO.read(file.get()), file.get(), precision);
        }
        Optional<AcceleratorSpec> spec = catalog.find(idOrFile);
        if (spec.isPresent()) {
            Optional<Path> published = find(spec.get().id());
            return published.isPresent() ? fromProfile(ProfileIO.read(published.get()), published.get(), precision)
                    : catalogSource.resolve(spec.get().id(), precision);
        }
        throw unknown(idOrFile);
    }

    private Optional<Path> find(String idOrFile) {
        try {
            return store.find(idOrFile);
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }

    /**
     * The figures of one precision of a profile.
     *
     * @param file where the profile was read from, for messages
     * @throws InvalidInputException when the profile lacks the precision or its nominal figure
     */
    static DeviceThroughput fromProfile(Profile profile, Path file, Precision precision) {
        PrecisionProfile entry = profile.precisions().get(precision.id());
        if (entry == null) {
            throw new InvalidInputException(profile.id() + " has no " + precision.id() + " figure in profile " + file
                    + "; it has " + (profile.precisions().isEmpty() ? "none"
                    : String.join(", ", profile.precisions().keySet()) + " (pass one of them with --precision)"));
        }
        if (entry.nominalFlops() == null || !(entry.nominalFlops() > 0)) {
            throw new InvalidInputException(profile.id() + " has no nominal " + precision.id() + " figure in profile "
                    + file + " (the clock was unknown when it was made): the spec-sheet comparison needs one; recalibrate"
                    + " with --nominal " + precision.id() + "=FLOPS");
        }
        double achieved = entry.achievedFlops() == null ? Double.NaN : entry.achievedFlops();
        boolean measured = entry.status() == FigureStatus.MEASURED && entry.achievedFlops() != null;
        // the profile is the citation: its nominalSource and notes hold the (sometimes long) source text
        String source = "profile " + profile.id() + " (" + file + "), precisions." + precision.id() + ".nominalSource"
                + (entry.nominalKind() == null ? "" : "; nominal kind " + entry.nominalKind());
        return new DeviceThroughput(profile.id(), profile.device().name(), precision, entry.nominalFlops(), achieved,
                measured, measured && entry.achievedError() != null ? entry.achievedError() : Double.NaN,
                obtainedBy(profile, precision, entry), profile.device().tdpW() == null ? Double.NaN : profile.device().tdpW(),
                source, Boolean.TRUE.equals(entry.nominalEstimated()), memory(profile, file));
    }

    /**
     * The device's memory: an accelerator profile's memory (GB) and datasheet bandwidth (GB/s); a CPU profile's host
     * memory and its measured DRAM bandwidth plateau (the STREAM triad of {@code calibrate}).
     */
    private static DeviceThroughput.Memory memory(Profile profile, Path file) {
        Device d = profile.device();
        if (d.memoryBytes() != null || profile.roofline() != null) {
            double bytes = d.memoryBytes() == null ? Double.NaN : d.memoryBytes();
            Optional<Roofline.MemoryLevel> dram = profile.roofline() == null ? Optional.empty()
                    : profile.roofline().memory().stream().filter(m -> m.level().equals("DRAM")).findFirst();
            Quantity bw = dram.map(Roofline.MemoryLevel::bytesPerSecond).orElse(null);
            double value = bw == null ? Double.NaN : bw.valueOrNaN();
            double low = bw == null || !bw.hasInterval() ? Double.NaN : bw.low();
            return new DeviceThroughput.Memory(bytes, value, bw != null, low, "profile " + file + ": host memory"
                    + " (device.memoryBytes) and the DRAM plateau measured by calibrate (roofline.memory DRAM, "
                    + profile.provenance().createdAt() + ")");
        }
        return new DeviceThroughput.Memory(d.memoryGb() == null ? Double.NaN : d.memoryGb() * 1e9,
                d.memoryBandwidthGBps() == null ? Double.NaN : d.memoryBandwidthGBps() * 1e9, false, Double.NaN,
                "profile " + file + ": device.memoryGb and memoryBandwidthGBps (" + d.source() + ")");
    }

    /** How the achieved figure was obtained, naming the profile and its status. */
    private static String obtainedBy(Profile profile, Precision precision, PrecisionProfile entry) {
        FigureStatus status = entry.status();
        if (status == FigureStatus.MEASURED && entry.achievedFlops() != null) {
            List<Integer> sizes = entry.achievedSizes();
            String at = entry.achievedAt() == null ? ""
                    : String.format(Locale.ROOT, ", %s GEMM at n = %s on %d thread%s%s",
                            sizes == null ? "best" : "sustained", sizes == null || sizes.size() < 2
                                    ? Integer.toString(entry.achievedAt().n())
                                    : sizes.get(0) + "-" + sizes.get(sizes.size() - 1),
                            entry.achievedAt().threads(), entry.achievedAt().threads() == 1 ? "" : "s",
                            entry.achievedCi95() == null ? "" : String.format(Locale.ROOT, ", rerun interval %.4g-%.4g",
                                    entry.achievedCi95().get(0), entry.achievedCi95().get(1)));
            return String.format(Locale.ROOT, "%.4g %s measured by calibrate on %s (profile %s, %s mode%s)",
                    entry.achievedFlops(), precision.rateUnit(), profile.provenance().createdAt(), profile.id(),
                    profile.provenance().mode(), at);
        }
        if (status == FigureStatus.FITTED && entry.achievedFlops() != null) {
            List<String> runs = entry.publishedRuns() == null ? List.of() : entry.publishedRuns();
            Quantity u = entry.fits() == null || entry.fits().utilization() == null ? null
                    : entry.fits().utilization().ofNominal();
            String interval = u == null || u.ci95() == null ? "no interval"
                    : String.format(Locale.ROOT, "95%% prediction interval %.3f to %.3f", u.ci95().get(0), u.ci95().get(1));
            return String.format(Locale.ROOT, "fitted from %d published run%s on its chip (profile %s): in-run MFU %.3f"
                    + " (%s) × %s nominal", runs.size(), runs.size() == 1 ? "" : "s", profile.id(),
                    entry.achievedFlops() / entry.nominalFlops(), interval, precision.id());
        }
        return "profile " + profile.id() + ": " + (status == null ? "no achieved figure" : status) + " ("
                + entry.nominalBasis() + ")";
    }

    private InvalidInputException unknown(String value) {
        List<String> published = store.ids();
        return new InvalidInputException("unknown profile '" + value + "': not a file, not a profile id under "
                + store.profilesDir() + (published.isEmpty() ? " (none published)"
                : " (published: " + String.join(", ", published) + ")") + " and not an accelerators.csv id (known: "
                + String.join(", ", catalog.ids()) + ")");
    }
}
