package dev.flopcal.hardware;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

import dev.flopcal.core.Precision;

/**
 * Nominal (spec-sheet) peaks of a CPU: cores × clock × operations per cycle per core, where the per-cycle figure
 * is the best instruction the core exposes for the format: AVX-512/AVX2/NEON FMA for fp64/fp32; for bf16, fp16 and
 * int8 the larger of the native dot-product/half-precision instruction, AMX tiles when the OS exposes them, and
 * the fp32 FMA rate (every bf16, fp16 and int8 product widens exactly to fp32, so the fp32 rate is always within
 * reach).
 */
public final class NominalPeaks {
    private NominalPeaks() {
    }

    /**
     * Nominal peaks at a clock over a number of cores.
     *
     * @param cpu        the processor (flags decide AMX visibility and the fallback when the table lacks the core)
     * @param uarch      its row of the microarchitecture table, if known
     * @param cores      cores the peak is for (the threads a measurement used), at least 1
     * @param clockHz    clock per core, Hz, positive
     * @param clockBasis how the clock was obtained, for the basis text
     */
    public static Map<Precision, NominalPeak> of(Cpu cpu, Optional<Microarchitecture> uarch, int cores, double clockHz,
                                                 String clockBasis) {
        if (cores < 1 || !(clockHz > 0)) {
            throw new IllegalArgumentException("need cores >= 1 and a positive clock, got " + cores + " and " + clockHz);
        }
        Map<Precision, NominalPeak> out = new EnumMap<>(Precision.class);
        rates(cpu, uarch).forEach((p, r) -> out.put(p, r.at(cores, clockHz, clockBasis)));
        return out;
    }

    /**
     * Operations per cycle per core for each measurable precision; empty when the ISA gives no FMA to go by.
     */
    public static Map<Precision, PerCycleRate> rates(Cpu cpu, Optional<Microarchitecture> uarch) {
        Map<Precision, PerCycleRate> out = new EnumMap<>(Precision.class);
        PerCycleRate fp32 = fma(cpu, uarch, Precision.FP32);
        PerCycleRate fp64 = fma(cpu, uarch, Precision.FP64);
        if (fp32 == null) {
            return out;
        }
        out.put(Precision.FP64, fp64);
        out.put(Precision.FP32, fp32);
        for (Precision p : new Precision[] {Precision.BF16, Precision.FP16, Precision.INT8}) {
            PerCycleRate best = new PerCycleRate(p, fp32.perCycle(), fp32.instruction() + " on " + p + " widened to fp32",
                    fp32.source(), fp32.estimated());
            if (uarch.isPresent() && uarch.get().perCycle(p).isPresent()) {
                Microarchitecture u = uarch.get();
                double native_ = u.perCycle(p).getAsDouble();
                if (native_ > best.perCycle()) {
                    best = new PerCycleRate(p, native_, u.instructions().getOrDefault(p, "native " + p),
                            u.name() + ": " + u.source(), u.needsCheck());
                }
            }
            double amx = uarch.map(u -> p == Precision.BF16 ? u.amxBf16PerCycle() : p == Precision.INT8 ? u.amxInt8PerCycle() : Double.NaN)
                    .orElse(Double.NaN);
            String amxFlag = p == Precision.BF16 ? "amx_bf16" : "amx_int8";
            if (!Double.isNaN(amx) && cpu.hasFlag(amxFlag) && amx > best.perCycle()) {
                best = new PerCycleRate(p, amx, "AMX tiles (" + amxFlag + ")", uarch.get().name() + ": " + uarch.get().source(),
                        uarch.get().needsCheck());
            }
            out.put(p, best);
        }
        return out;
    }

    /** True when the table knows the microarchitecture has AMX for bf16 but the OS does not expose it. */
    public static boolean amxHidden(Cpu cpu, Optional<Microarchitecture> uarch) {
        return uarch.map(u -> !Double.isNaN(u.amxBf16PerCycle())).orElse(false) && !cpu.hasFlag("amx_bf16");
    }

    private static PerCycleRate fma(Cpu cpu, Optional<Microarchitecture> uarch, Precision p) {
        if (uarch.isPresent() && uarch.get().perCycle(p).isPresent()) {
            Microarchitecture u = uarch.get();
            return new PerCycleRate(p, u.perCycle(p).getAsDouble(), u.fmaUnits() + " × " + u.vectorBits() + "-bit FMA",
                    u.name() + ": " + u.source(), u.needsCheck());
        }
        // not in the table: infer from the ISA, assuming two FMA pipes as on current server cores
        int bits = cpu.hasFlag("avx512f") ? 512 : cpu.hasFlag("avx2") && cpu.hasFlag("fma") ? 256
                : cpu.hasFlag("asimd") ? 128 : 0;
        if (bits == 0) {
            return null;
        }
        double lanes = bits / (p == Precision.FP64 ? 64.0 : 32.0);
        return new PerCycleRate(p, lanes * 2 * 2, "2 × " + bits + "-bit FMA (assumed)",
                "inferred from the ISA flags; microarchitecture not in the table", true);
    }
}
