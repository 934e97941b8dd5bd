package dev.flopcal.calibration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.flopcal.core.AtomicFiles;
import dev.flopcal.core.BuildInfo;
import dev.flopcal.core.InvalidInputException;
import dev.flopcal.core.Precision;
import dev.flopcal.core.Sha256;
import dev.flopcal.hardware.Host;
import dev.flopcal.hardware.HostDetector;
import dev.flopcal.hardware.Microarchitecture;
import dev.flopcal.hardware.Microarchitectures;
import dev.flopcal.hardware.PerCycleRate;
import dev.flopcal.measurement.GemmMapping;
import dev.flopcal.measurement.JmhRecord;
import dev.flopcal.measurement.JmhResults;
import dev.flopcal.profiles.CpuProfileBuilder;
import dev.flopcal.profiles.Device;
import dev.flopcal.profiles.Ids;
import dev.flopcal.profiles.Measurements;
import dev.flopcal.profiles.Profile;
import dev.flopcal.profiles.ProfileIO;
import dev.flopcal.profiles.Provenance;

/**
 * {@code fit}: turns a JMH JSON result file into profiles, keeping a copy of the file beside each as its raw results
 * so that {@code verify} works on it. flopcal's own results are fitted as they are; another project's are first
 * mapped to GEMM rates ({@link GemmMapping}: size parameter, series, precision, FLOP per operation, any JMH unit),
 * one profile per value of the series parameter, each recording its mapping in {@code provenance.plan.mapping}. The
 * device is this machine when asked ({@code --this-host}: its description, clocks and per-cycle rates as a
 * calibration would record them), otherwise a named device whose nominal figures come only from {@code --nominal}.
 */
public final class JmhFit {
    /** Longest part of a derived id taken from the file name beside a series value, and from the series value. */
    private static final int FILE_SLUG = 40, SERIES_SLUG = 30;

    /**
     * @param jmhFile    the JMH JSON to fit
     * @param outDir     receives profiles/ID.json and raw/ID.jmh.json
     * @param id         profile id, or null to derive one from the file name; with a series parameter each
     *                   profile's id is this id suffixed by its series value
     * @param deviceName device name when not this host, or null
     * @param thisHost   describe this machine as the device
     * @param nominal    datasheet peaks by precision
     * @param mapping    how records of other harnesses become GEMM rates
     */
    public record Request(Path jmhFile, Path outDir, String id, String deviceName, boolean thisHost,
                          Map<Precision, Double> nominal, GemmMapping mapping) {
        public Request {
            nominal = Map.copyOf(nominal);
            mapping = mapping == null ? GemmMapping.defaults() : mapping;
        }

        /** With the default mapping. */
        public Request(Path jmhFile, Path outDir, String id, String deviceName, boolean thisHost,
                       Map<Precision, Double> nominal) {
            this(jmhFile, outDir, id, deviceName, thisHost, nominal, null);
        }
    }

    /** A profile written, and where. */
    public record Result(Profile profile, Path profileFile, Path rawFile) {
    }

    private JmhFit() {
    }

    /**
     * Fits and writes one profile per series (one without a series parameter). Every profile is built before any
     * file is written, so nothing is written when the input is bad.
     *
     * @return the profiles written, in the order their series first appear in the file
     * @throws InvalidInputException naming the user's file and what is wrong with it
     */
    public static List<Result> run(Request r) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(r.jmhFile());
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("JMH results file " + r.jmhFile() + " does not exist");
        }
        String name = r.jmhFile().toString();
        String text = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        List<JmhRecord> records = JmhResults.parse(name, text);
        List<GemmMapping.Series> series = r.mapping().apply(name, records);
        Instant now = Instant.now();
        if (r.id() != null) {
            Ids.check(r.id());
        }
        List<Profile> profiles = new ArrayList<>();
        Map<String, String> seriesById = new LinkedHashMap<>();
        for (GemmMapping.Series s : series) {
            String id = id(r, s.value(), now);
            String clash = seriesById.put(id, s.value());
            if (clash != null) {
                throw new InvalidInputException(name + ": " + r.mapping().seriesParam() + " values '" + clash + "' and '"
                        + s.value() + "' both give the profile id " + id);
            }
            try {
                // the builder names the raw copy in its messages: check here what the user's file gives
                Measurements.of(name, s.records());
                profiles.add(build(r, s, id, bytes, records, now));
            } catch (InvalidInputException e) {
                throw e.getMessage().contains(name) ? e : new InvalidInputException(name + ": " + e.getMessage(), e);
            }
        }
        List<Result> out = new ArrayList<>();
        for (Profile profile : profiles) {
            Path rawFile = rawFile(r.outDir(), profile.id());
            Path profileFile = r.outDir().resolve("profiles").resolve(profile.id() + ".json");
            AtomicFiles.write(rawFile, bytes);
            ProfileIO.write(profile, profileFile);
            out.add(new Result(profile, profileFile, rawFile));
        }
        return out;
    }

    private static Profile build(Request r, GemmMapping.Series s, String id, byte[] bytes, List<JmhRecord> all,
                                 Instant now) {
        String file = r.jmhFile().getFileName().toString();
        Map<String, Object> plan = new LinkedHashMap<>();
        plan.put("fittedFrom", file);
        plan.put("benchmarks", s.records().stream().map(JmhRecord::shortName).distinct().toList());
        boolean recordMapping = s.mapped() || s.value() != null;
        if (recordMapping) {
            plan.put(GemmMapping.PLAN_KEY, r.mapping().plan(s));
        }
        String jdk = all.stream().map(JmhRecord::jdkVersion).filter(v -> !v.isEmpty()).findFirst().orElse(null);
        String jmh = all.stream().map(JmhRecord::jmhVersion).filter(v -> !v.isEmpty()).findFirst().orElse(null);
        Provenance prov = new Provenance(now.toString(), "flopcal " + BuildInfo.version(), jdk, jmh, "fit", plan,
                "../raw/" + rawFile(r.outDir(), id).getFileName(), Sha256.hex(bytes), null, null, null);

        List<String> notes = new ArrayList<>();
        if (recordMapping) {
            notes.add(mappingNote(r.mapping(), s, file));
        }
        Map<Precision, String> paths = recordMapping ? paths(r.mapping(), s) : Map.of();
        CpuProfileBuilder.Inputs inputs;
        if (r.thisHost()) {
            Host host = HostDetector.detect();
            Optional<Microarchitecture> uarch = Microarchitectures.of(host.cpu());
            notes.add(0, "Fitted from " + file + " and described as the machine that ran the fit (--this-host).");
            inputs = CpuCalibration.hostInputs(id, host, uarch, r.nominal(), paths, null, notes, prov);
        } else {
            String name = r.deviceName() != null ? r.deviceName() : "unknown device (fitted from " + file + ")";
            Device device = new Device("cpu", name, null, null, null, null, null, null, null, null, null, null, null,
                    null, null, null, null, null, null, null);
            Map<Precision, PerCycleRate> none = new EnumMap<>(Precision.class);
            notes.add(0, "Fitted from " + file + "; the device is not described"
                    + (r.nominal().isEmpty() ? " and no nominal figures were given (--nominal), so utilization is unknown."
                            : "."));
            inputs = new CpuProfileBuilder.Inputs(id, device, Double.NaN, Double.NaN, 1, none, r.nominal(), paths,
                    0, 0, 0, null, notes, prov);
        }
        return CpuProfileBuilder.build(inputs, s.records());
    }

    /** The id of a series' profile: the given or derived id, suffixed by the series value where there is one. */
    private static String id(Request r, String series, Instant now) {
        String suffix = series == null ? "" : "-" + cut(Ids.slug(series), SERIES_SLUG);
        if (r.id() != null) {
            return Ids.check(r.id() + suffix);
        }
        String stamp = java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
                .withZone(java.time.ZoneOffset.UTC).format(now).toLowerCase(java.util.Locale.ROOT);
        String file = Ids.slug(r.jmhFile().getFileName().toString().replaceFirst("\\.json$", ""));
        if (series != null) {
            file = cut(file, FILE_SLUG);
        }
        return Ids.check("fit-" + file + suffix + "-" + stamp);
    }

    private static String cut(String slug, int max) {
        return slug.length() <= max ? slug : slug.substring(0, max).replaceAll("-+$", "");
    }

    private static Path rawFile(Path outDir, String id) {
        return outDir.resolve("raw").resolve(id + ".jmh.json");
    }

    /** How each precision of a mapped series was computed: "lib=ojAlgo: FillByMultiplying.execute". */
    private static Map<Precision, String> paths(GemmMapping mapping, GemmMapping.Series s) {
        String what = String.join(", ", s.benchmarks());
        String path = s.value() == null ? what
                : mapping.seriesParam() + "=" + s.value() + (what.isEmpty() ? "" : ": " + what);
        Map<Precision, String> paths = new EnumMap<>(Precision.class);
        for (JmhRecord rec : s.records()) {
            if (GemmMapping.isForeign(rec) || s.value() != null) {
                String p = rec.param("precision");
                if (p != null) {
                    paths.put(Precision.parse(p), path);
                }
            }
        }
        return paths;
    }

    private static String mappingNote(GemmMapping m, GemmMapping.Series s, String file) {
        String shape = "m = n = k = the '" + m.sizeParam() + "' parameter unless the results have m, n or k parameters";
        return (s.value() == null ? "" : "The results of " + file + " with " + m.seriesParam() + "=" + s.value() + ". ")
                + (s.mapped() ? "Rates are JMH scores (" + String.join(", ", s.units()) + ") converted to operations per"
                        + " second and multiplied by " + m.flopsPerOp().text() + " FLOP per operation (--flops-per-op; "
                        + shape + ")" + (m.precision() == null ? "" : ", precision " + m.precision() + " (--precision)")
                        + "." : "");
    }
}
