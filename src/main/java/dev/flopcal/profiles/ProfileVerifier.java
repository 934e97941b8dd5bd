package dev.flopcal.profiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import dev.flopcal.core.BuildInfo;
import dev.flopcal.core.InvalidInputException;
import dev.flopcal.core.Precision;
import dev.flopcal.core.Sha256;
import dev.flopcal.hardware.AcceleratorCatalog;
import dev.flopcal.hardware.PerCycleRate;
import dev.flopcal.measurement.GemmMapping;
import dev.flopcal.measurement.JmhRecord;
import dev.flopcal.measurement.JmhResults;
import dev.flopcal.runs.PublishedRunFit;

/**
 * Checks that a profile is what its raw results say: the raw file's SHA-256 matches the one recorded, and
 * rebuilding the profile from its recorded inputs (device, clocks, per-cycle rates, datasheet overrides) and the
 * raw results reproduces every derived number: samples, achieved figures, utilization, fits, ceilings, roofline
 * (with the native bandwidth reference's figures, recomputed from its recorded runs) and inferred clock. Another project's results are first mapped to GEMM rates again as the profile's
 * {@code provenance.plan.mapping} says ({@link GemmMapping}). A hand-edited number is caught as the first path whose
 * value differs. Accelerator profiles,
 * which have no raw results, are rebuilt from the catalog and published runs instead ({@link #verifyAccelerator}).
 */
public final class ProfileVerifier {
    private ProfileVerifier() {
    }

    /**
     * The outcome of a verification.
     *
     * @param profile  the profile checked
     * @param checks   what was checked and held, in order
     * @param mismatch the first thing that did not hold, or null
     */
    public record Result(Profile profile, List<String> checks, String mismatch) {
        public boolean ok() {
            return mismatch == null;
        }
    }

    /**
     * Verifies a profile file. A measured (CPU) profile is re-fitted from the raw results it references; an
     * accelerator profile (device kind other than "cpu", no raw results) is rebuilt from the shipped
     * {@code accelerators.csv} and {@code published-runs.csv} ({@link #verifyAccelerator}).
     *
     * @throws InvalidInputException when the profile cannot be read or is not valid against the schema
     */
    public static Result verify(Path profileFile) {
        Profile p = ProfileIO.read(profileFile);
        Provenance prov = p.provenance();
        if (!"cpu".equals(p.device().kind()) && prov.rawResults() == null) {
            return verifyAccelerator(p, AcceleratorCatalog.shipped(), PublishedRunFit.shipped());
        }
        List<String> checks = new ArrayList<>();
        checks.add("schema v1: valid");
        if (prov.rawResults() == null) {
            return new Result(p, checks, "the profile references no raw results to verify against");
        }
        Rebuilt r = rebuild(profileFile, p, checks);
        if (r.mismatch() != null) {
            return new Result(p, checks, r.mismatch());
        }
        Profile rebuilt = r.profile();
        JsonNode recorded = ProfileIO.MAPPER.valueToTree(p);
        JsonNode recomputed = ProfileIO.MAPPER.valueToTree(rebuilt);
        String m = firstDifference(recorded, recomputed, List.of("precisions", "ceilings", "roofline", "device.clock"),
                "raw results give", JsonDiff.Compare.NUMBERS);
        if (m != null) {
            return new Result(p, checks, m);
        }
        int numbers = JsonDiff.countNumbers(recorded.path("precisions")) + JsonDiff.countNumbers(recorded.path("ceilings"))
                + JsonDiff.countNumbers(recorded.path("roofline"));
        checks.add("re-fitted " + numbers + " numbers (samples, achieved, utilization, fits, ceilings, roofline"
                + (gapOf(p).isEmpty() ? "" : ", round-by-round ratios from their rates") + "): all reproduce");
        return new Result(p, checks, null);
    }

    /** A profile rebuilt from its raw results, or why it could not be. */
    private record Rebuilt(Profile profile, String mismatch) {
        static Rebuilt failed(String why) {
            return new Rebuilt(null, why);
        }
    }

    /**
     * Rebuilds a measured profile from the raw results it references and the inputs it records, after checking the
     * raw results' SHA-256 and versions; adds what held to {@code checks}.
     */
    private static Rebuilt rebuild(Path profileFile, Profile p, List<String> checks) {
        Provenance prov = p.provenance();
        Path raw = profileFile.toAbsolutePath().getParent().resolve(prov.rawResults()).normalize();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(raw);
        } catch (NoSuchFileException e) {
            return Rebuilt.failed("raw results " + raw + " (referenced as " + prov.rawResults() + ") do not exist");
        } catch (IOException e) {
            return Rebuilt.failed("cannot read raw results " + raw + ": " + e.getMessage());
        }
        String sha = Sha256.hex(bytes);
        if (prov.rawResultsSha256() == null) {
            return Rebuilt.failed("the profile records no SHA-256 of its raw results");
        }
        if (!sha.equals(prov.rawResultsSha256())) {
            return Rebuilt.failed("raw results " + raw + " have SHA-256 " + sha + " but the profile records "
                    + prov.rawResultsSha256());
        }
        checks.add("raw results " + raw.getFileName() + ": SHA-256 matches");
        Profile rebuilt;
        List<JmhRecord> records;
        try {
            records = JmhResults.parse(raw.toString(), new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
            // another project's results: re-apply the mapping the profile records (size, series, precision, FLOP/op)
            Optional<GemmMapping.Recorded> mapping = GemmMapping.recorded(prov.plan());
            if (mapping.isPresent()) {
                records = mapping.get().records(raw.toString(), records);
                checks.add("mapping re-applied: " + mapping.get().summary());
            }
            rebuilt = CpuProfileBuilder.withBandwidthReference(CpuProfileBuilder.withGap(
                    CpuProfileBuilder.build(inputsOf(p), records), gapOf(p)), bandwidthReferencesOf(p));
        } catch (InvalidInputException e) {
            return Rebuilt.failed("raw results cannot be re-fitted: " + e.getMessage());
        }
        String versions = checkVersions(prov, records);
        if (versions != null) {
            return Rebuilt.failed(versions);
        }
        checks.add("provenance: JDK and JMH versions match the raw results");
        return new Rebuilt(rebuilt, null);
    }

    /**
     * The profile rebuilt from its raw results and recorded inputs with this version of flopcal's fitting ({@code fit
     * --refit}): every derived number recomputed, the notes of detection kept, the provenance noting the refit.
     *
     * @throws InvalidInputException when the profile is not a measured one, or its raw results are missing, altered
     *                               or cannot be re-fitted (naming why)
     */
    public static Profile refit(Path profileFile, String instant) {
        Profile p = ProfileIO.read(profileFile);
        if (p.provenance().rawResults() == null) {
            throw new InvalidInputException(profileFile + " has no raw results to refit from (an accelerator profile is"
                    + " rebuilt with 'publish --accelerators')");
        }
        Rebuilt r = rebuild(profileFile, p, new ArrayList<>());
        if (r.mismatch() != null) {
            throw new InvalidInputException(profileFile + ": " + r.mismatch());
        }
        Profile rebuilt = r.profile();
        List<String> notes = new ArrayList<>(rebuilt.notes());
        p.notes().stream().filter(n -> !BUILDER_NOTE.matcher(n).lookingAt()).forEach(notes::add);
        return new Profile(p.schemaVersion(), p.id(), rebuilt.device(), rebuilt.precisions(), rebuilt.ceilings(),
                rebuilt.roofline(), p.nativeBlas(), List.copyOf(new java.util.LinkedHashSet<>(notes)),
                p.provenance().refittedAt(instant, "flopcal " + BuildInfo.version()));
    }

    /** Notes the profile builder writes (this version's or an earlier one's): a refit writes its own instead. */
    private static final java.util.regex.Pattern BUILDER_NOTE = java.util.regex.Pattern.compile(
            "The OS does not report the maximum clock|The measured fp32 FMA ceiling implies|The \\w+ per-cycle figure"
                    + "|The per-cycle figures? of|No clock is known|Every figure comes from one JVM|\\d+ JVM figures? (was|were) set aside");

    /** The JMH and JDK versions that every raw record states must be the ones the provenance names. */
    private static String checkVersions(Provenance prov, List<JmhRecord> records) {
        for (JmhRecord r : records) {
            if (!r.jmhVersion().isEmpty() && !r.jmhVersion().equals(prov.jmh())) {
                return "provenance.jmh: profile has " + prov.jmh() + ", raw results were run by JMH " + r.jmhVersion();
            }
            if (!r.jdkVersion().isEmpty() && (prov.jdk() == null || !prov.jdk().startsWith(r.jdkVersion()))) {
                return "provenance.jdk: profile has " + prov.jdk() + ", raw results were run on JDK " + r.jdkVersion();
            }
        }
        return null;
    }

    /** The round-by-round comparisons a profile records, whose per-round rates are their own raw data. */
    static Map<Precision, List<GapRun>> gapOf(Profile p) {
        Map<Precision, List<GapRun>> runs = new EnumMap<>(Precision.class);
        p.precisions().forEach((key, e) -> {
            if (e.gap() != null) {
                runs.put(Precision.parse(key), e.gap());
            }
        });
        return runs;
    }

    /**
     * The native bandwidth references a profile records (likwid-bench beside the bandwidth kernels), whose runs are
     * their own raw data: their combined figures and ratios are recomputed from them.
     */
    static List<CpuProfileBuilder.BandwidthReference> bandwidthReferencesOf(Profile p) {
        List<CpuProfileBuilder.BandwidthReference> out = new ArrayList<>();
        if (p.roofline() == null || p.roofline().memory() == null) {
            return out;
        }
        for (Roofline.MemoryLevel level : p.roofline().memory()) {
            if (level.kernels() != null) {
                level.kernels().stream().filter(k -> k.reference() != null).forEach(k -> out.add(
                        new CpuProfileBuilder.BandwidthReference(level.level(), k.kernel(), k.reference())));
            }
        }
        return out;
    }

    /** The builder inputs a profile records. */
    static CpuProfileBuilder.Inputs inputsOf(Profile p) {
        Device d = p.device();
        Map<Precision, PerCycleRate> rates = new EnumMap<>(Precision.class);
        Map<Precision, Double> overrides = new EnumMap<>(Precision.class);
        Map<Precision, String> paths = new EnumMap<>(Precision.class);
        p.precisions().forEach((key, e) -> {
            Precision prec = Precision.parse(key);
            if (e.perCycle() != null) {
                rates.put(prec, new PerCycleRate(prec, e.perCycle(), "as recorded", String.valueOf(e.nominalSource()),
                        Boolean.TRUE.equals(e.nominalEstimated())));
            } else if (e.nominalFlops() != null) {
                overrides.put(prec, e.nominalFlops());
            }
            if (e.path() != null) {
                paths.put(prec, e.path());
            }
        });
        // a precision the FMA probe measured without a GEMM entry records its per-cycle figure with its ceilings
        if (p.ceilings() != null && p.ceilings().fma() != null) {
            p.ceilings().fma().forEach((key, list) -> list.stream().map(Ceilings.FmaCeiling::perCycle)
                    .filter(java.util.Objects::nonNull).findFirst()
                    .ifPresent(perCycle -> rates.putIfAbsent(Precision.parse(key), new PerCycleRate(Precision.parse(key),
                            perCycle, "as recorded", "ceilings.fma." + key, false))));
        }
        // the fp32 rate drives the clock inference even when fp32 GEMM was not measured: keep any recorded rate
        Device.Clock c = d.clock();
        long l1 = cache(d, 1), l2 = cache(d, 2), l3 = cache(d, 3);
        return new CpuProfileBuilder.Inputs(p.id(), d, c == null || c.reportedHz() == null ? Double.NaN : c.reportedHz(),
                c == null || c.maxHz() == null ? Double.NaN : c.maxHz(), d.cores() == null ? 1 : d.cores(), rates,
                overrides, paths, l1, l2, l3, p.nativeBlas(), List.of(), p.provenance());
    }

    private static long cache(Device d, int level) {
        if (d.caches() == null) {
            return 0;
        }
        return d.caches().stream().filter(c -> c.level() == level && !c.type().equals("instruction"))
                .mapToLong(Device.CacheInfo::sizeBytes).findFirst().orElse(0);
    }

    // ---- accelerator profiles -----------------------------------------------------------------------------------

    private static final String AGAINST_CATALOG = "accelerators.csv and published-runs.csv give";

    /**
     * Checks an accelerator profile against the catalog and fit it claims to come from: it must satisfy the schema,
     * be in mode {@value AcceleratorProfiles#MODE}, name a catalog row, and rebuilding that row (with the profile's
     * own {@code createdAt}) must reproduce every number of its device and precisions within
     * {@link JsonDiff#TOLERANCE}, and every status, flag, source, run and note exactly. A hand-edited figure is
     * reported as the first JSON path that differs, e.g. {@code precisions.bf16.achievedFlops: profile has ...}.
     *
     * @return the checks that held and the first mismatch, or none
     */
    public static Result verifyAccelerator(Profile profile, AcceleratorCatalog catalog, PublishedRunFit fit) {
        List<String> checks = new ArrayList<>();
        JsonNode recorded = ProfileIO.MAPPER.valueToTree(profile);
        List<String> violations = ProfileSchema.violations(recorded);
        if (!violations.isEmpty()) {
            return new Result(profile, checks, "not a valid profile (schema v1): " + violations.get(0));
        }
        checks.add("schema v1: valid");
        String mode = profile.provenance().mode();
        if (!AcceleratorProfiles.MODE.equals(mode)) {
            return new Result(profile, checks, "provenance.mode: profile has " + mode
                    + ", accelerator profiles are made in mode " + AcceleratorProfiles.MODE);
        }
        if (!catalog.ids().contains(profile.id())) {
            return new Result(profile, checks, "id: " + profile.id() + " is not a row of accelerators.csv"
                    + " (ids: " + String.join(", ", catalog.ids()) + ")");
        }
        checks.add("id " + profile.id() + ": a row of accelerators.csv");
        Profile rebuilt;
        try {
            rebuilt = AcceleratorProfiles.build(catalog.get(profile.id()), fit, profile.provenance().createdAt());
        } catch (IllegalArgumentException e) {
            return new Result(profile, checks, "cannot rebuild " + profile.id() + ": " + e.getMessage());
        }
        JsonNode recomputed = ProfileIO.MAPPER.valueToTree(rebuilt);
        String m = firstDifference(recorded, recomputed, List.of("device", "precisions"), AGAINST_CATALOG,
                JsonDiff.Compare.NUMBERS);
        if (m != null) {
            return new Result(profile, checks, m);
        }
        int runs = rebuilt.precisions().values().stream()
                .mapToInt(e -> e.publishedRuns() == null ? 0 : e.publishedRuns().size()).sum();
        checks.add("rebuilt from accelerators.csv and " + runs + " published run" + (runs == 1 ? "" : "s") + ": "
                + (JsonDiff.countNumbers(recorded.path("device")) + JsonDiff.countNumbers(recorded.path("precisions")))
                + " numbers (nominal, achieved, utilization, intervals, memory, bandwidth, TDP) reproduce");
        m = firstDifference(recorded, recomputed, List.of("device", "precisions", "notes", "provenance.sources"),
                AGAINST_CATALOG, JsonDiff.Compare.TEXT);
        if (m != null) {
            return new Result(profile, checks, m);
        }
        checks.add("statuses, sources, runs and notes match");
        return new Result(profile, checks, null);
    }

    /** The first difference in any of the sections (dotted paths from the root), in order; null if none. */
    private static String firstDifference(JsonNode recorded, JsonNode recomputed, List<String> sections,
                                          String against, JsonDiff.Compare what) {
        for (String section : sections) {
            JsonNode a = recorded, b = recomputed;
            for (String name : section.split("\\.")) {
                a = a.path(name);
                b = b.path(name);
            }
            String m = JsonDiff.first(section, a, b, against, what);
            if (m != null) {
                return m;
            }
        }
        return null;
    }
}
