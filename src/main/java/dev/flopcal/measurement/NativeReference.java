package dev.flopcal.measurement;

import java.util.List;
import java.util.Optional;

import dev.flopcal.hardware.Cpu;
import dev.flopcal.kernels.NativeBlas;

/**
 * Finds the native BLAS reference and decides which OpenBLAS kernel set it should use.
 *
 * <p>OpenBLAS chooses kernels for the CPU when it loads; a release older than the CPU takes it for a generic core
 * and runs several times slower than it can. When the library's own choice ranks below the best core the CPU's
 * instruction set supports, the harness sets {@code OPENBLAS_CORETYPE} to that core, and the profile records both.
 *
 * @param library      the library loaded, e.g. "libopenblas.so.0"
 * @param config       the library's build configuration string
 * @param detectedCore the kernel set OpenBLAS chose by itself
 * @param coreType     the OPENBLAS_CORETYPE the harness will set, or "none"
 * @param reason       why, in words
 */
public record NativeReference(String library, String config, String detectedCore, String coreType, String reason) {

    /** OpenBLAS x86-64 kernel sets, oldest first. */
    static final List<String> X86_CORES = List.of("Prescott", "Core2", "Penryn", "Dunnington", "Nehalem", "Atom",
            "Sandybridge", "Haswell", "Zen", "SkylakeX", "Cooperlake", "SapphireRapids");

    /**
     * Loads the system's OpenBLAS in this process (without changing its environment) to see whether one exists and
     * which kernels it picks.
     *
     * @return empty, with the reason given to {@code onMissing}, when no OpenBLAS can be loaded
     */
    public static Optional<NativeReference> probe(Cpu cpu, java.util.function.Consumer<String> onMissing) {
        NativeBlas blas;
        try {
            blas = NativeBlas.load(null);
        } catch (UnsupportedOperationException | IllegalStateException e) {
            onMissing.accept(e.getMessage());
            return Optional.empty();
        }
        String detected = blas.coreName().orElse("unknown");
        String best = bestCore(cpu);
        String user = System.getenv("OPENBLAS_CORETYPE");
        if (user != null) {
            return Optional.of(new NativeReference(blas.library(), blas.config().orElse(""), detected, "none",
                    "OPENBLAS_CORETYPE=" + user + " is set in the environment and left alone"));
        }
        int d = X86_CORES.indexOf(detected), b = best == null ? -1 : X86_CORES.indexOf(best);
        if (d >= 0 && b > d) {
            return Optional.of(new NativeReference(blas.library(), blas.config().orElse(""), detected, best,
                    "OpenBLAS chose its " + detected + " kernels; the CPU supports " + best
                            + " (" + String.join(", ", evidence(cpu)) + "), so OPENBLAS_CORETYPE=" + best + " is set"));
        }
        return Optional.of(new NativeReference(blas.library(), blas.config().orElse(""), detected, "none",
                "OpenBLAS's own choice (" + detected + ") is kept"));
    }

    /** The best OpenBLAS x86 kernel set for the CPU's instruction set; empty off x86 or when unknown. */
    public static Optional<String> preferredCore(Cpu cpu) {
        return Optional.ofNullable(bestCore(cpu));
    }

    /** The best OpenBLAS x86 kernel set for the CPU's instruction set, or null off x86 or when unknown. */
    static String bestCore(Cpu cpu) {
        if (cpu.hasFlag("amx_bf16") && cpu.hasFlag("avx512_bf16")) {
            return "SapphireRapids";
        }
        if (cpu.hasFlag("avx512_bf16") && cpu.hasFlag("avx512f")) {
            return "Cooperlake";
        }
        if (cpu.hasFlag("avx512f") && cpu.hasFlag("avx512vl") && cpu.hasFlag("avx512bw") && cpu.hasFlag("avx512dq")) {
            return "SkylakeX";
        }
        if (cpu.hasFlag("avx2") && cpu.hasFlag("fma")) {
            return "Haswell";
        }
        return null;
    }

    private static List<String> evidence(Cpu cpu) {
        return cpu.simdFeatures().stream().filter(f -> f.startsWith("avx512") || f.startsWith("amx") || f.equals("avx2"))
                .toList();
    }
}
