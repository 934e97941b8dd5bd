package dev.flopcal.reporting;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.flopcal.core.Quantity;
import dev.flopcal.fitting.Hockney;
import dev.flopcal.profiles.Device;
import dev.flopcal.profiles.FigureStatus;
import dev.flopcal.profiles.PrecisionFits;
import dev.flopcal.profiles.PrecisionProfile;
import dev.flopcal.profiles.Profile;
import dev.flopcal.profiles.ProfileIO;
import dev.flopcal.profiles.Provenance;
import dev.flopcal.profiles.Roofline;
import dev.flopcal.profiles.Sample;

/**
 * Schema-valid profiles with known figures: a measured CPU (samples on a Hockney curve, fits, roofline), a GPU with
 * a bf16 utilization fitted from published runs and other precisions nominal only, and a nominal-only TPU.
 */
public final class TestProfiles {
    /** Hockney parameters behind the CPU samples at 2 threads, by precision: {rInf FLOP/s, nHalf}. */
    public static final Map<String, double[]> CPU_CURVES = Map.of("fp64", new double[] {90e9, 120},
            "fp32", new double[] {180e9, 150});
    public static final int[] SIZES = {128, 256, 512, 1024};
    /** The CPU's nominal basis: a comma and quotes, to exercise CSV quoting. */
    public static final String CPU_BASIS = "2 cores × 2.300 GHz × 32 FLOP/cycle (\"2 × 512-bit FMA\", inferred)";
    public static final String CPU_NAME = "Test CPU, 2 cores";

    private TestProfiles() {
    }

    private static Provenance provenance(String mode) {
        return new Provenance("2026-11-22T12:00:00Z", "flopcal test", null, null, mode, null, null, null, null, null,
                List.of("test fixture"));
    }

    /** A measured CPU profile with fp64 and fp32. */
    public static Profile cpu() {
        return cpu("cpu-test", 1);
    }

    /** The same CPU profile under another id, every rate (samples, fits, achieved) times {@code factor}. */
    public static Profile cpu(String id, double factor) {
        Device device = new Device("cpu", CPU_NAME, "GenuineIntel", null, null, null, 2, 2, 1,
                new Device.Clock(2.3e9, null, null, 2.3e9, "reported"), null, null, null, null, null, false, null, null,
                null, null);
        Map<String, PrecisionProfile> precisions = new LinkedHashMap<>();
        precisions.put("fp64", cpuPrecision("fp64", 147.2e9, 32, CPU_BASIS, factor));
        precisions.put("fp32", cpuPrecision("fp32", 294.4e9, 64, "2 cores × 2.300 GHz × 64 FLOP/cycle", factor));
        Roofline roofline = new Roofline(2,
                Map.of("fp64", estimate(141.7e9, "FLOP/s"), "fp32", estimate(241.5e9, "FLOP/s")),
                List.of(new Roofline.MemoryLevel("L1", estimate(130.4e9, "bytes/s"), List.of(24576L)),
                        new Roofline.MemoryLevel("L2", estimate(108.4e9, "bytes/s"), List.of(196608L)),
                        new Roofline.MemoryLevel("L3", estimate(49.8e9, "bytes/s"), List.of(12582912L)),
                        new Roofline.MemoryLevel("DRAM", estimate(24.43e9, "bytes/s"), List.of(545259520L))),
                Map.of("fp64", 141.7e9 / 24.43e9, "fp32", 241.5e9 / 24.43e9));
        return new Profile(Profile.SCHEMA_VERSION, id, device, precisions, null, roofline, null, List.of(),
                provenance("default"));
    }

    private static PrecisionProfile cpuPrecision(String id, double nominal, double perCycle, String basis,
                                                 double factor) {
        double[] curve = {CPU_CURVES.get(id)[0] * factor, CPU_CURVES.get(id)[1]};
        List<Sample> samples = new ArrayList<>();
        for (int threads = 1; threads <= 2; threads++) {
            for (int n : SIZES) {
                double rate = Hockney.rate(n, curve[0] * threads / 2, curve[1]);
                samples.add(new Sample(n, threads, rate, rate * 0.04));
            }
        }
        Sample best = samples.get(samples.size() - 1);
        PrecisionFits.CurveFit fit = new PrecisionFits.CurveFit("hockney", Hockney.FORMULA, 2, null,
                Map.of("rInf", estimate(curve[0], "FLOP/s"), "nHalf", estimate(curve[1], "n")), 0.99, 1e9, List.of(),
                SIZES.length, false, null);
        PrecisionFits.Utilization u = new PrecisionFits.Utilization(
                Quantity.of(best.flops() / nominal, 0.01, best.flops() / nominal - 0.02, best.flops() / nominal + 0.02, "1"),
                Quantity.of(best.flops() / ceiling(id), 0.01, best.flops() / ceiling(id) - 0.02,
                        best.flops() / ceiling(id) + 0.02, "1"), "measured " + id + " FMA ceiling at 2 threads");
        return new PrecisionProfile(nominal, basis, "test table", true, perCycle, best.flops(), best.error(),
                new PrecisionProfile.At(best.n(), best.threads()), best.flops() / nominal, best.error() / nominal,
                FigureStatus.MEASURED, "vector", samples, null, new PrecisionFits(List.of(fit), null, u), null);
    }

    private static double ceiling(String id) {
        return "fp64".equals(id) ? 141.7e9 : 241.5e9;
    }

    /** A GPU: bf16 fitted from four published runs; fp16 and int8 nominal only. */
    public static Profile gpu() {
        Device device = new Device("gpu", "NVIDIA H100 SXM 80GB", "NVIDIA", null, null, null, null, null, null, null,
                null, null, null, null, null, null, 80.0, 3350.0, 700.0, "NVIDIA H100 datasheet");
        Map<String, PrecisionProfile> precisions = new LinkedHashMap<>();
        precisions.put("bf16", new PrecisionProfile(989.4e12, "datasheet, dense", "NVIDIA H100 datasheet", false, null,
                396e12, 44.5e12, null, 0.4, 0.045, FigureStatus.FITTED, null, null, null, null,
                List.of("Llama 3 405B", "Llama 3 70B", "Nemotron-4 340B", "DeepSeek-V3")));
        precisions.put("fp16", nominalOnly(989.4e12, "NVIDIA H100 datasheet"));
        precisions.put("int8", nominalOnly(1978.9e12, "NVIDIA H100 datasheet"));
        return new Profile(Profile.SCHEMA_VERSION, "gpu-h100", device, precisions, null, null, null, List.of(),
                provenance("published-runs"));
    }

    /** A TPU with only a nominal bf16 peak. */
    public static Profile tpu() {
        Device device = new Device("tpu", "Google TPU v5p", "Google", null, null, null, null, null, null, null, null,
                null, null, null, null, null, 95.0, 2765.0, null, "cloud.google.com/tpu/docs/v5p");
        return new Profile(Profile.SCHEMA_VERSION, "tpu-v5p", device,
                Map.of("bf16", nominalOnly(459e12, "cloud.google.com/tpu/docs/v5p")), null, null, null, List.of(),
                provenance("published-runs"));
    }

    static PrecisionProfile nominalOnly(double nominal, String source) {
        return new PrecisionProfile(nominal, "datasheet", source, false, null, null, null, null, null, null,
                FigureStatus.NOMINAL_ONLY, null, null, null, null, null);
    }

    static Quantity estimate(double value, String unit) {
        return Quantity.of(value, value * 0.02, value * 0.96, value * 1.04, unit);
    }

    /** Writes a profile as DIR/ID.json (through the schema check) and returns the file. */
    public static Path write(Profile p, Path dir) throws IOException {
        Path file = dir.resolve(p.id() + ".json");
        ProfileIO.write(p, file);
        return file;
    }
}
