package dev.flopcal.profiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import dev.flopcal.core.InvalidInputException;
import dev.flopcal.core.Precision;
import dev.flopcal.core.Sha256;
import dev.flopcal.hardware.AcceleratorCatalog;
import dev.flopcal.hardware.PerCycleRate;
import dev.flopcal.measurement.JmhRecord;
import dev.flopcal.measurement.JmhResults;
import dev.flopcal.runs.PublishedRunFit;

/**
 * Checks that a profile is what its raw results say: the raw file's SHA-256 matches the one recorded, and
 * rebuilding the profile from its recorded inputs (device, clocks, per-cycle rates, datasheet overrides) and the
 * raw results reproduces every derived number: samples, achieved figures, utilization, fits, ceilings, roofline
 * and inferred clock. A hand-edited number is caught as the first path whose value differs. Accelerator profiles,
 * which have no raw results, are rebuilt from the catalog and published runs instead ({@link AcceleratorProfiles}).
 */
public final class ProfileVerifier {
    /** Largest relative difference accepted between a recorded and a recomputed number (JSON round-trips exactly). */
    static final double TOLERANCE = 1e-9;

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
     * {@code accelerators.csv} and {@code published-runs.csv} ({@link AcceleratorProfiles#verify}).
     *
     * @throws InvalidInputException when the profile cannot be read or is not valid against the schema
     */
    public static Result verify(Path profileFile) {
        Profile p = ProfileIO.read(profileFile);
        Provenance prov = p.provenance();
        if (!"cpu".equals(p.device().kind()) && prov.rawResults() == null) {
            return AcceleratorProfiles.verify(p, AcceleratorCatalog.shipped(), PublishedRunFit.shipped());
        }
        List<String> checks = new ArrayList<>();
        checks.add("schema v1: valid");
        if (prov.rawResults() == null) {
            return new Result(p, checks, "the profile references no raw results to verify against");
        }
        Path raw = profileFile.toAbsolutePath().getParent().resolve(prov.rawResults()).normalize();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(raw);
        } catch (NoSuchFileException e) {
            return new Result(p, checks, "raw results " + raw + " (referenced as " + prov.rawResults() + ") do not exist");
        } catch (IOException e) {
            return new Result(p, checks, "cannot read raw results " + raw + ": " + e.getMessage());
        }
        String sha = Sha256.hex(bytes);
        if (prov.rawResultsSha256() == null) {
            return new Result(p, checks, "the profile records no SHA-256 of its raw results");
        }
        if (!sha.equals(prov.rawResultsSha256())) {
            return new Result(p, checks, "raw results " + raw + " have SHA-256 " + sha + " but the profile records "
                    + prov.rawResultsSha256());
        }
        checks.add("raw results " + raw.getFileName() + ": SHA-256 matches");
        Profile rebuilt;
        List<JmhRecord> records;
        try {
            records = JmhResults.parse(raw.toString(), new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
            rebuilt = CpuProfileBuilder.withGap(CpuProfileBuilder.build(inputsOf(p), records), gapOf(p));
        } catch (InvalidInputException e) {
            return new Result(p, checks, "raw results cannot be re-fitted: " + e.getMessage());
        }
        String versions = checkVersions(prov, records);
        if (versions != null) {
            return new Result(p, checks, versions);
        }
        checks.add("provenance: JDK and JMH versions match the raw results");
        JsonNode recorded = ProfileIO.MAPPER.valueToTree(p);
        JsonNode recomputed = ProfileIO.MAPPER.valueToTree(rebuilt);
        for (String section : List.of("precisions", "ceilings", "roofline")) {
            String m = compare(section, recorded.path(section), recomputed.path(section));
            if (m != null) {
                return new Result(p, checks, m);
            }
        }
        String m = compare("device.clock", recorded.path("device").path("clock"), recomputed.path("device").path("clock"));
        if (m != null) {
            return new Result(p, checks, m);
        }
        int numbers = countNumbers(recorded.path("precisions")) + countNumbers(recorded.path("ceilings"))
                + countNumbers(recorded.path("roofline"));
        checks.add("re-fitted " + numbers + " numbers (samples, achieved, utilization, fits, ceilings, roofline"
                + (gapOf(p).isEmpty() ? "" : ", round-by-round ratios from their rates") + "): all reproduce");
        return new Result(p, checks, null);
    }

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

    /** The first difference between two JSON trees, comparing numbers within {@link #TOLERANCE}; null if none. */
    static String compare(String path, JsonNode recorded, JsonNode recomputed) {
        return compare(path, recorded, recomputed, "raw results give");
    }

    /**
     * As {@link #compare(String, JsonNode, JsonNode)}, naming what the profile was recomputed from in the message
     * ("PATH: profile has A, {@code against} B").
     */
    static String compare(String path, JsonNode recorded, JsonNode recomputed, String against) {
        if (recorded.isNumber() || recomputed.isNumber()) {
            if (!recorded.isNumber() || !recomputed.isNumber()) {
                return path + ": profile has " + describe(recorded) + ", " + against + " " + describe(recomputed);
            }
            double a = recorded.asDouble(), b = recomputed.asDouble();
            if (!(Math.abs(a - b) <= TOLERANCE * Math.max(Math.abs(a), Math.abs(b)))) {
                return path + ": profile has " + a + ", " + against + " " + b;
            }
            return null;
        }
        if (recorded.isObject() || recomputed.isObject()) {
            if (!recorded.isObject() || !recomputed.isObject()) {
                return path + ": profile has " + describe(recorded) + ", " + against + " " + describe(recomputed);
            }
            java.util.TreeSet<String> names = new java.util.TreeSet<>();
            recorded.fieldNames().forEachRemaining(names::add);
            recomputed.fieldNames().forEachRemaining(names::add);
            for (String f : names) {
                JsonNode a = recorded.path(f), b = recomputed.path(f);
                if (containsNumbers(a) || containsNumbers(b)) {
                    String m = compare(path + "." + f, a, b, against);
                    if (m != null) {
                        return m;
                    }
                }
            }
            return null;
        }
        if (recorded.isArray() || recomputed.isArray()) {
            if (!recorded.isArray() || !recomputed.isArray() || recorded.size() != recomputed.size()) {
                return path + ": profile has " + describe(recorded) + ", " + against + " " + describe(recomputed);
            }
            for (int i = 0; i < recorded.size(); i++) {
                String m = compare(path + "[" + i + "]", recorded.get(i), recomputed.get(i), against);
                if (m != null) {
                    return m;
                }
            }
        }
        return null;
    }

    private static boolean containsNumbers(JsonNode n) {
        if (n.isNumber()) {
            return true;
        }
        for (Iterator<JsonNode> it = n.elements(); it.hasNext(); ) {
            if (containsNumbers(it.next())) {
                return true;
            }
        }
        return false;
    }

    static int countNumbers(JsonNode n) {
        if (n.isNumber()) {
            return 1;
        }
        int c = 0;
        for (Iterator<JsonNode> it = n.elements(); it.hasNext(); ) {
            c += countNumbers(it.next());
        }
        return c;
    }

    private static String describe(JsonNode n) {
        if (n.isMissingNode()) {
            return "nothing";
        }
        if (n.isArray()) {
            return n.size() + " entries";
        }
        if (n.isObject()) {
            return "an object";
        }
        return n.toString();
    }
}
