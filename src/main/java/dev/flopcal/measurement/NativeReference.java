package dev.flopcal.measurement;

import java.util.List;
import java.util.Optional;

import dev.flopcal.hardware.Cpu;
import dev.flopcal.kernels.NativeBlas;

/**
 * Finds the native BLAS reference and decides which OpenBLAS kernel set it should use.
 *
 * <p>OpenBLAS chooses kernels for the CPU when it loads; a release older than the CPU takes it for a generic core
 * and runs several times slower than it can, and a machine may set {@code OPENBLAS_CORETYPE} for every program to an
 * older core than its CPU. When the kernel set in use ranks below the best core the CPU's instruction set supports,
 * the harness sets {@code OPENBLAS_CORETYPE} to that core ({@link #coreToSet}), and the profile records both.
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
        String environment = System.getenv("OPENBLAS_CORETYPE");
        String set = coreToSet(cpu, environment, detected);
        String config = blas.config().orElse("");
        if (set == null) {
            return Optional.of(new NativeReference(blas.library(), config, detected, "none", environment != null
                    ? "OPENBLAS_CORETYPE=" + environment + " is set in the environment and kept: it ranks at least as"
                            + " high as the best kernel set this CPU supports, or flopcal's ranking does not know it"
                    : "OpenBLAS's own choice (" + detected + ") is kept"));
        }
        String why = " (" + String.join(", ", evidence(cpu)) + "), so OPENBLAS_CORETYPE=" + set + " is set";
        return Optional.of(new NativeReference(blas.library(), config, detected, set, environment != null
                ? "the environment sets OPENBLAS_CORETYPE=" + environment + ", which ranks below " + set
                        + ", the best kernel set this CPU supports" + why + " for flopcal's native measurements"
                        + " (the reference is the best native figure on this machine)"
                : "OpenBLAS chose its " + detected + " kernels; the CPU supports " + set + why));
    }

    /**
     * The kernel set flopcal's native measurements set in {@code OPENBLAS_CORETYPE}, or null to leave the
     * environment and OpenBLAS's own choice alone. The reference is meant to be the best native figure on the machine,
     * so a kernel set that ranks below the best the CPU's instruction set supports is replaced, whether OpenBLAS chose
     * it (a release older than the CPU takes it for a generic core) or the environment did (a machine-wide
     * {@code OPENBLAS_CORETYPE=Haswell} on an AVX-512 CPU halves OpenBLAS's speed); one that ranks as high or higher,
     * or that the ranking does not know, is kept.
     *
     * @param environment the environment's {@code OPENBLAS_CORETYPE}, or null
     * @param detected    the kernel set OpenBLAS reports after loading, or null when it was not loaded here
     */
    public static String coreToSet(Cpu cpu, String environment, String detected) {
        String best = bestCore(cpu);
        if (best == null) {
            return null;
        }
        String current = environment != null ? canonical(environment) : detected;
        if (current == null) {
            return best;
        }
        int c = X86_CORES.indexOf(current);
        return c >= 0 && c < X86_CORES.indexOf(best) ? best : null;
    }

    /** A kernel set's name as {@link #X86_CORES} spells it (OpenBLAS matches OPENBLAS_CORETYPE without case). */
    private static String canonical(String name) {
        return X86_CORES.stream().filter(c -> c.equalsIgnoreCase(name.trim())).findFirst().orElse(name);
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
