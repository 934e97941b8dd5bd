package dev.flopcal.kernels;

/**
 * Cache-blocking sizes of the packed GEMM (the BLIS/GotoBLAS loop nest).
 *
 * <ul>
 *   <li>{@code kc}: depth of a packed block; a kc×NR micro-panel of B should stay in L1;</li>
 *   <li>{@code mc}: rows of A packed at once; the mc×kc block should stay in L2;</li>
 *   <li>{@code nc}: columns of B packed at once; the kc×nc block lives in L2/L3, shared by all threads.</li>
 * </ul>
 *
 * The innermost two loops run in one of two orders. {@link Order#B_PANEL_OUTER} is BLIS's: a kc×NR micro-panel
 * of B stays in L1 while the MR-row panels of A stream past it from L2. {@link Order#A_PANEL_OUTER} swaps them: an
 * MR×kc panel of A stays in L1 while the B block (kc×nc, sized for L2) streams past; C is then walked along its
 * rows, which the hardware prefetcher follows.
 *
 * @param kc    positive depth of a packed block, in elements
 * @param mc    positive rows per packed block of A (rounded down to a multiple of the micro-tile height)
 * @param nc    positive columns per packed block of B (rounded down to a multiple of the micro-tile width)
 * @param order order of the two innermost loops
 */
public record Blocking(int kc, int mc, int nc, Order order) {

    /** Which packed micro-panel the innermost loop keeps in L1. */
    public enum Order { B_PANEL_OUTER, A_PANEL_OUTER }

    public Blocking {
        if (kc < 1 || mc < 1 || nc < 1) {
            throw new IllegalArgumentException("blocking sizes must be positive, got kc=" + kc + " mc=" + mc + " nc=" + nc);
        }
        java.util.Objects.requireNonNull(order, "order");
    }

    /** BLIS order. */
    public Blocking(int kc, int mc, int nc) {
        this(kc, mc, nc, Order.B_PANEL_OUTER);
    }

    /**
     * Sizes for caches of the given capacities: a kc×nr micro-panel of B of about four thirds of L1, and an A block
     * of about a tenth of L2 (the rest of L2 holds the B micro-panels streaming past).
     *
     * <p>The B micro-panel is larger than L1 on purpose. Every kc of depth costs one pass over C (load, add, store),
     * and the JVM cannot prefetch C the way native kernels do, so halving the passes outweighs the L1 misses on B,
     * which stream in order from L2. Measured on the 2-core Emerald Rapids development VM (48 KiB L1d, 2 MiB L2),
     * one thread, each configuration's rate divided by OpenBLAS's in the slices just before and after it: kc = 512,
     * mc = 96 (fp32) reached 0.82-0.85 of native at n = 1024 and 0.80 at n = 2048, where the earlier "two thirds of
     * L1" choice (kc = 256) reached 0.77-0.78 and 0.67; fp64 (kc = 512, mc = 48) 0.77 against 0.71. At n = 512 and on
     * two threads the two choices were within the noise.
     *
     * @param l1Bytes    L1 data cache per core, bytes
     * @param l2Bytes    L2 cache per core, bytes
     * @param elemBytes  bytes per packed element (4 for float, 8 for double)
     * @param mr         micro-tile rows
     * @param nr         micro-tile columns
     */
    public static Blocking forCaches(long l1Bytes, long l2Bytes, int elemBytes, int mr, int nr) {
        int kc = (int) Math.clamp(l1Bytes * 4 / 3 / ((long) nr * elemBytes) / 16 * 16, 64, 1024);
        int mc = (int) Math.clamp(l2Bytes / 10 / ((long) kc * elemBytes) / mr * mr, mr, 4096 / mr * mr);
        return new Blocking(kc, mc, 4096);
    }

    /** A copy with another kc. */
    public Blocking withKc(int kc) {
        return new Blocking(kc, mc, nc, order);
    }

    /** A copy with another mc. */
    public Blocking withMc(int mc) {
        return new Blocking(kc, mc, nc, order);
    }

    /** A copy with another nc. */
    public Blocking withNc(int nc) {
        return new Blocking(kc, mc, nc, order);
    }

    /** A copy with another loop order. */
    public Blocking withOrder(Order order) {
        return new Blocking(kc, mc, nc, order);
    }

    /** Compact form for logs and raw results, e.g. {@code "kc=192 mc=1356 nc=4096 B_PANEL_OUTER"}. */
    @Override
    public String toString() {
        return "kc=" + kc + " mc=" + mc + " nc=" + nc + " " + order;
    }
}
