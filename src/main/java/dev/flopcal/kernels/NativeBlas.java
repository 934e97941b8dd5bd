package dev.flopcal.kernels;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The system's OpenBLAS, called through the Foreign Function &amp; Memory API: {@code cblas_sgemm} and
 * {@code cblas_dgemm} on row-major, off-heap matrices. It is the native reference beside which the JVM's GEMM
 * figures are reported.
 *
 * <p>OpenBLAS picks its kernels for the CPU when the library loads, and versions older than the CPU may pick a
 * generic core (0.3.21 takes a 2023 Xeon for a "Prescott"). {@link #load(String)} can set
 * {@code OPENBLAS_CORETYPE} first, so that the library's own kernels for the CPU's instruction set are used.
 */
public final class NativeBlas {
    /** Library names tried in order: the OpenBLAS sonames of Linux distributions and of Homebrew. */
    public static final List<String> LIBRARY_NAMES = List.of(
            "libopenblas.so.0", "libopenblas.so", "libopenblasp-r0.so", "libopenblas.dylib", "libopenblas.0.dylib");

    private static final int ROW_MAJOR = 101;
    private static final int NO_TRANS = 111;

    private final String library;
    private final MethodHandle sgemm;
    private final MethodHandle dgemm;
    private final MethodHandle setThreads;
    private final MethodHandle coreName;
    private final MethodHandle config;

    private NativeBlas(String library, SymbolLookup lookup) {
        Linker linker = Linker.nativeLinker();
        this.library = library;
        this.sgemm = linker.downcallHandle(find(lookup, "cblas_sgemm"), FunctionDescriptor.ofVoid(
                JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT,
                JAVA_FLOAT, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, JAVA_FLOAT, ADDRESS, JAVA_INT));
        this.dgemm = linker.downcallHandle(find(lookup, "cblas_dgemm"), FunctionDescriptor.ofVoid(
                JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT,
                JAVA_DOUBLE, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, JAVA_DOUBLE, ADDRESS, JAVA_INT));
        this.setThreads = lookup.find("openblas_set_num_threads")
                .map(s -> linker.downcallHandle(s, FunctionDescriptor.ofVoid(JAVA_INT))).orElse(null);
        this.coreName = lookup.find("openblas_get_corename")
                .map(s -> linker.downcallHandle(s, FunctionDescriptor.of(ADDRESS))).orElse(null);
        this.config = lookup.find("openblas_get_config")
                .map(s -> linker.downcallHandle(s, FunctionDescriptor.of(ADDRESS))).orElse(null);
    }

    /**
     * Loads the first OpenBLAS found.
     *
     * @param coreType value for {@code OPENBLAS_CORETYPE}, set before loading (replacing the environment's, which the
     *                 caller has weighed: {@code NativeReference.coreToSet}); {@code null} leaves the environment and
     *                 the library's own detection alone
     * @throws UnsupportedOperationException naming the libraries tried when none can be loaded
     */
    public static NativeBlas load(String coreType) {
        if (coreType != null) {
            setenv("OPENBLAS_CORETYPE", coreType);
        }
        List<String> failures = new ArrayList<>();
        for (String name : LIBRARY_NAMES) {
            try {
                SymbolLookup lookup = SymbolLookup.libraryLookup(name, Arena.global());
                if (lookup.find("cblas_sgemm").isPresent()) {
                    return new NativeBlas(name, lookup);
                }
                failures.add(name + " (no cblas_sgemm)");
            } catch (IllegalArgumentException e) {
                failures.add(name + " (not found)");
            }
        }
        throw new UnsupportedOperationException("no native OpenBLAS found; tried " + String.join(", ", failures)
                + ". Install it from the OS packages (Debian/Ubuntu: apt-get install libopenblas0)"
                + " to see the native reference beside the JVM figures");
    }

    /** The library name that was loaded, e.g. {@code "libopenblas.so.0"}. */
    public String library() {
        return library;
    }

    /** The kernel set OpenBLAS uses, e.g. {@code "Cooperlake"}, if the library reports it. */
    public Optional<String> coreName() {
        return callString(coreName);
    }

    /** The library's build configuration, e.g. {@code "OpenBLAS 0.3.21 DYNAMIC_ARCH ..."}, if reported. */
    public Optional<String> config() {
        return callString(config);
    }

    /** Sets the library's thread count, where it allows that. */
    public void setThreads(int threads) {
        if (setThreads == null) {
            return;
        }
        try {
            setThreads.invokeExact(threads);
        } catch (Throwable t) {
            throw new IllegalStateException("openblas_set_num_threads failed", t);
        }
    }

    /** C = A·B for row-major fp32 matrices in native memory (A m×k, B k×n, C m×n). */
    public void sgemm(int m, int n, int k, MemorySegment a, MemorySegment b, MemorySegment c) {
        checkSize(a, (long) m * k * Float.BYTES, "A");
        checkSize(b, (long) k * n * Float.BYTES, "B");
        checkSize(c, (long) m * n * Float.BYTES, "C");
        try {
            sgemm.invokeExact(ROW_MAJOR, NO_TRANS, NO_TRANS, m, n, k, 1f, a, k, b, n, 0f, c, n);
        } catch (Throwable t) {
            throw new IllegalStateException("cblas_sgemm failed", t);
        }
    }

    /** C = A·B for row-major fp64 matrices in native memory. */
    public void dgemm(int m, int n, int k, MemorySegment a, MemorySegment b, MemorySegment c) {
        checkSize(a, (long) m * k * Double.BYTES, "A");
        checkSize(b, (long) k * n * Double.BYTES, "B");
        checkSize(c, (long) m * n * Double.BYTES, "C");
        try {
            dgemm.invokeExact(ROW_MAJOR, NO_TRANS, NO_TRANS, m, n, k, 1d, a, k, b, n, 0d, c, n);
        } catch (Throwable t) {
            throw new IllegalStateException("cblas_dgemm failed", t);
        }
    }

    /**
     * Prepares {@code operands} (fp32 or fp64) for this library: copies A and B into {@code arena}, computes C once
     * and copies it back into the operands' C, so that the caller can check it before timing anything.
     *
     * @return the product on the off-heap copies, to run as often as wanted (each run overwrites the off-heap C)
     * @throws IllegalArgumentException for other precisions, which BLAS has no GEMM for
     */
    public Runnable product(GemmOperands operands, Arena arena) {
        int m = operands.m(), n = operands.n(), k = operands.k();
        switch (operands) {
            case GemmOperands.Fp64 d -> {
                MemorySegment a = arena.allocateFrom(JAVA_DOUBLE, d.a()), b = arena.allocateFrom(JAVA_DOUBLE, d.b());
                MemorySegment c = arena.allocate(JAVA_DOUBLE, (long) m * n);
                dgemm(m, n, k, a, b, c);
                MemorySegment.copy(c, JAVA_DOUBLE, 0, d.c(), 0, d.c().length);
                return () -> dgemm(m, n, k, a, b, c);
            }
            case GemmOperands.Fp32 f -> {
                MemorySegment a = arena.allocateFrom(JAVA_FLOAT, f.a()), b = arena.allocateFrom(JAVA_FLOAT, f.b());
                MemorySegment c = arena.allocate(JAVA_FLOAT, (long) m * n);
                sgemm(m, n, k, a, b, c);
                MemorySegment.copy(c, JAVA_FLOAT, 0, f.c(), 0, f.c().length);
                return () -> sgemm(m, n, k, a, b, c);
            }
            default -> throw new IllegalArgumentException("native BLAS reference runs fp32 or fp64, not "
                    + operands.precision());
        }
    }

    private static void checkSize(MemorySegment s, long bytes, String name) {
        if (s.byteSize() < bytes) {
            throw new IllegalArgumentException(name + " has " + s.byteSize() + " bytes, needs " + bytes);
        }
    }

    private static Optional<String> callString(MethodHandle h) {
        if (h == null) {
            return Optional.empty();
        }
        try {
            MemorySegment p = (MemorySegment) h.invokeExact();
            return p.equals(MemorySegment.NULL) ? Optional.empty()
                    : Optional.of(p.reinterpret(4096).getString(0).trim());
        } catch (Throwable t) {
            return Optional.empty();
        }
    }

    private static MemorySegment find(SymbolLookup lookup, String symbol) {
        return lookup.find(symbol).orElseThrow(() -> new UnsupportedOperationException("native BLAS lacks " + symbol));
    }

    private static void setenv(String name, String value) {
        Linker linker = Linker.nativeLinker();
        MemorySegment fn = linker.defaultLookup().find("setenv")
                .orElseThrow(() -> new UnsupportedOperationException("libc has no setenv"));
        MethodHandle h = linker.downcallHandle(fn, FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT));
        try (Arena arena = Arena.ofConfined()) {
            int rc = (int) h.invokeExact(arena.allocateFrom(name), arena.allocateFrom(value), 1);
            if (rc != 0) {
                throw new IllegalStateException("setenv(" + name + ") failed with " + rc);
            }
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("setenv(" + name + ") failed", t);
        }
    }
}
