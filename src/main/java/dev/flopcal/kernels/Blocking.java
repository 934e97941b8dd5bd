package dev.flopcal.kernels;

/**
 * Cache-blocking sizes of the packed GEMM (the BLIS/GotoBLAS loop nest).
 *
 * <ul>
 *   <li>{@code kc}: depth of a packed block;</li>
 *   <li>{@code mc}: rows of A packed at once; the mc×kc block should stay in L2;</li>
 *   <li>{@code nc}: columns of B packed at once (kc×nc, in L3 when large);</li>
 *   <li>{@code nb}: with {@link Order#A_PANEL_OUTER}, columns of the packed B block an A micro-panel sweeps before the
 *       next A micro-panel starts: the kc×nb part of B is reused from L2 by every A micro-panel of the block.</li>
 *   <li>{@code smallB}: the largest B, in elements (k·n), of a product that is not packed at all (see
 *       {@link SmallFp32}): 0 packs every product.</li>
 * </ul>
 *
 * The innermost two loops run in one of two orders. {@link Order#B_PANEL_OUTER} is BLIS's: a kc×NR micro-panel
 * of B stays in L1 while the MR-row panels of A stream past it from L2. {@link Order#A_PANEL_OUTER} swaps them: an
 * MR×kc micro-panel of A stays in L1 while the B micro-panels of an nb-wide part of the B block stream past from
 * L2; C is then walked along its rows, one tile after the next, which the hardware prefetcher follows.
 *
 * @param kc    positive depth of a packed block, in elements
 * @param mc    positive rows per packed block of A (rounded down to a multiple of the micro-tile height)
 * @param nc    positive columns per packed block of B (rounded down to a multiple of the micro-tile width)
 * @param nb    positive columns of B per sweep of an A micro-panel (rounded likewise; nb ≥ nc means the whole block)
 * @param order order of the two innermost loops
 * @param smallB largest k·n, in elements, of a product computed without packing; 0 or more
 */
public record Blocking(int kc, int mc, int nc, int nb, Order order, int smallB) {

    /** Which packed micro-panel the innermost loop keeps in L1. */
    public enum Order { B_PANEL_OUTER, A_PANEL_OUTER }

    public Blocking {
        if (kc < 1 || mc < 1 || nc < 1 || nb < 1) {
            throw new IllegalArgumentException("blocking sizes must be positive, got kc=" + kc + " mc=" + mc + " nc=" + nc
                    + " nb=" + nb);
        }
        java.util.Objects.requireNonNull(order, "order");
        if (smallB < 0) {
            throw new IllegalArgumentException("smallB must be 0 or more, got " + smallB);
        }
    }

    /** Every product packed. */
    public Blocking(int kc, int mc, int nc, int nb, Order order) {
        this(kc, mc, nc, nb, order, 0);
    }

    /** BLIS order. */
    public Blocking(int kc, int mc, int nc) {
        this(kc, mc, nc, nc, Order.B_PANEL_OUTER);
    }

    /** The given order, an A micro-panel sweeping the whole B block. */
    public Blocking(int kc, int mc, int nc, Order order) {
        this(kc, mc, nc, nc, order);
    }

    /**
     * Sizes for caches of the given capacities, in the {@link Order#A_PANEL_OUTER} order: an A micro-panel (mr×kc)
     * the size of L1, an A block (mc×kc) of about a fifth of L2 and a swept part of B (kc×nb) of about a quarter;
     * products with B up to half of L2 unpacked.
     *
     * <p>Why this order: with B_PANEL_OUTER, successive tiles of C lie below each other, a page apart when rows are
     * 4 KiB long; no hardware prefetcher crosses pages and the JVM has no prefetch instruction, so every update of C
     * waits for memory. With A_PANEL_OUTER the tiles of one A micro-panel follow each other along the same MR rows
     * of C, which the L2 streamer prefetches. The A micro-panel fills L1 rather than half of it, halving the passes
     * over C (k / kc); in balanced pairs that measured level, not better. Measurements: docs/kernels.md#blocking.
     *
     * <p>Products whose B takes at most half of L2 are not packed ({@code smallB}): up to there reading B in place
     * measured faster than packing it, from three quarters of L2 on level or slower. Measurements:
     * docs/kernels.md#small-products.
     *
     * @param l1Bytes    L1 data cache per core, bytes
     * @param l2Bytes    L2 cache per core, bytes
     * @param elemBytes  bytes per packed element (4 for float, 8 for double)
     * @param mr         micro-tile rows
     * @param nr         micro-tile columns
     */
    public static Blocking forCaches(long l1Bytes, long l2Bytes, int elemBytes, int mr, int nr) {
        int kc = (int) Math.clamp(l1Bytes / ((long) mr * elemBytes) / 16 * 16, 64, 1024);
        long kcBytes = (long) kc * elemBytes;
        int mc = (int) Math.clamp(l2Bytes / 5 / kcBytes / mr * mr, mr, 4096 / mr * mr);
        int nb = (int) Math.clamp(l2Bytes / 4 / kcBytes / nr * nr, nr, 4096 / nr * nr);
        int smallB = (int) Math.min(l2Bytes / 2 / elemBytes, Integer.MAX_VALUE);
        return new Blocking(kc, mc, 4096, nb, Order.A_PANEL_OUTER, smallB);
    }

    /** A copy with another kc. */
    public Blocking withKc(int kc) {
        return new Blocking(kc, mc, nc, nb, order, smallB);
    }

    /** A copy with another mc. */
    public Blocking withMc(int mc) {
        return new Blocking(kc, mc, nc, nb, order, smallB);
    }

    /** A copy with another nc. */
    public Blocking withNc(int nc) {
        return new Blocking(kc, mc, nc, nb, order, smallB);
    }

    /** A copy with another nb. */
    public Blocking withNb(int nb) {
        return new Blocking(kc, mc, nc, nb, order, smallB);
    }

    /** A copy with another loop order. */
    public Blocking withOrder(Order order) {
        return new Blocking(kc, mc, nc, nb, order, smallB);
    }

    /** A copy with another limit for unpacked products (0: pack every product). */
    public Blocking withSmallB(int smallB) {
        return new Blocking(kc, mc, nc, nb, order, smallB);
    }

    /**
     * Compact form for logs and raw results, e.g. {@code "kc=512 mc=192 nc=4096 nb=256 A_PANEL_OUTER smallB=131072"}
     * (no {@code smallB} when every product is packed).
     */
    @Override
    public String toString() {
        return "kc=" + kc + " mc=" + mc + " nc=" + nc + (order == Order.A_PANEL_OUTER ? " nb=" + nb : "") + " " + order
                + (smallB > 0 ? " smallB=" + smallB : "");
    }
}
