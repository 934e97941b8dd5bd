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
import dev.flopcal.measurement.JmhRecord;
import dev.flopcal.measurement.JmhResults;
import dev.flopcal.profiles.CpuProfileBuilder;
import dev.flopcal.profiles.Device;
import dev.flopcal.profiles.Ids;
import dev.flopcal.profiles.Profile;
import dev.flopcal.profiles.ProfileIO;
import dev.flopcal.profiles.Provenance;

/**
 * {@code fit}: turns any JMH JSON result file into a profile, keeping a copy of the file as the profile's raw
 * results so that {@code verify} works on it. The device is this machine when asked ({@code --this-host}: its
 * description, clocks and per-cycle rates as a calibration would record them), otherwise a named device whose
 * nominal figures come only from {@code --nominal}.
 */
public final class JmhFit {

    /**
     * @param jmhFile    the JMH JSON to fit
     * @param outDir     receives profiles/ID.json and raw/ID.jmh.json
     * @param id         profile id, or null to derive one from the file name
     * @param deviceName device name when not this host, or null
     * @param thisHost   describe this machine as the device
     * @param nominal    datasheet peaks by precision
     */
    public record Request(Path jmhFile, Path outDir, String id, String deviceName, boolean thisHost,
                          Map<Precision, Double> nominal) {
        public Request {
            nominal = Map.copyOf(nominal);
        }
    }

    /** The profile written, and where. */
    public record Result(Profile profile, Path profileFile, Path rawFile) {
    }

    private JmhFit() {
    }

    /**
     * Fits and writes. Nothing is written when the input is bad.
     *
     * @throws InvalidInputException naming the file and what is wrong with it
     */
    public static Result run(Request r) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(r.jmhFile());
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("JMH results file " + r.jmhFile() + " does not exist");
        }
        String text = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        List<JmhRecord> records = JmhResults.parse(r.jmhFile().toString(), text);
        Instant now = Instant.now();
        String id = r.id() != null ? Ids.check(r.id())
                : Ids.check("fit-" + Ids.slug(r.jmhFile().getFileName().toString().replaceFirst("\\.json$", ""))
                        + "-" + java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
                        .withZone(java.time.ZoneOffset.UTC).format(now).toLowerCase(java.util.Locale.ROOT));
        Path rawFile = r.outDir().resolve("raw").resolve(id + ".jmh.json");
        Path profileFile = r.outDir().resolve("profiles").resolve(id + ".json");

        Map<String, Object> plan = new LinkedHashMap<>();
        plan.put("fittedFrom", r.jmhFile().getFileName().toString());
        plan.put("benchmarks", records.stream().map(JmhRecord::shortName).distinct().toList());
        String jdk = records.stream().map(JmhRecord::jdkVersion).filter(s -> !s.isEmpty()).findFirst().orElse(null);
        String jmh = records.stream().map(JmhRecord::jmhVersion).filter(s -> !s.isEmpty()).findFirst().orElse(null);
        Provenance prov = new Provenance(now.toString(), "flopcal " + BuildInfo.version(), jdk, jmh, "fit", plan,
                "../raw/" + rawFile.getFileName(), Sha256.hex(bytes), null, null, null);

        CpuProfileBuilder.Inputs inputs;
        if (r.thisHost()) {
            Host host = HostDetector.detect();
            Optional<Microarchitecture> uarch = Microarchitectures.of(host.cpu());
            List<String> notes = new ArrayList<>(List.of("Fitted from " + r.jmhFile().getFileName()
                    + " and described as the machine that ran the fit (--this-host)."));
            inputs = CpuCalibration.hostInputs(id, host, uarch, r.nominal(), Map.of(), null, notes, prov);
        } else {
            String name = r.deviceName() != null ? r.deviceName() : "unknown device (fitted from " + r.jmhFile().getFileName() + ")";
            Device device = new Device("cpu", name, null, null, null, null, null, null, null, null, null, null, null,
                    null, null, null, null, null, null, null);
            Map<Precision, PerCycleRate> none = new EnumMap<>(Precision.class);
            inputs = new CpuProfileBuilder.Inputs(id, device, Double.NaN, Double.NaN, 1, none, r.nominal(), Map.of(),
                    0, 0, 0, null, List.of("Fitted from " + r.jmhFile().getFileName() + "; the device is not described"
                            + (r.nominal().isEmpty() ? " and no nominal figures were given (--nominal), so utilization is unknown." : ".")),
                    prov);
        }
        Profile profile = CpuProfileBuilder.build(inputs, records);
        AtomicFiles.write(rawFile, bytes);
        ProfileIO.write(profile, profileFile);
        return new Result(profile, profileFile, rawFile);
    }
}
