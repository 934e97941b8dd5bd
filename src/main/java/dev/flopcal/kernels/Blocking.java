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
 * @param kc positive depth of a packed block, in elements
 * @param mc positive rows per packed block of A (rounded up to the micro-tile height by the engine)
 * @param nc positive columns per packed block of B
 */
public record Blocking(int kc, int mc, int nc) {

    public Blocking {
        if (kc < 1 || mc < 1 || nc < 1) {
            throw new IllegalArgumentException("blocking sizes must be positive, got kc=" + kc + " mc=" + mc + " nc=" + nc);
        }
    }

    /**
     * Sizes for caches of the given capacities: B micro-panel in half of L1, A block in half of L2.
     *
     * @param l1Bytes    L1 data cache per core, bytes
     * @param l2Bytes    L2 cache per core, bytes
     * @param elemBytes  bytes per packed element (4 for float, 8 for double)
     * @param mr         micro-tile rows
     * @param nr         micro-tile columns
     */
    public static Blocking forCaches(long l1Bytes, long l2Bytes, int elemBytes, int mr, int nr) {
        int kc = (int) Math.clamp(l1Bytes / 2 / ((long) nr * elemBytes) / 16 * 16, 64, 1024);
        int mc = (int) Math.clamp(l2Bytes / 2 / ((long) kc * elemBytes) / mr * mr, mr, 4096 / mr * mr);
        return new Blocking(kc, mc, 4096);
    }

    /** A copy with another kc. */
    public Blocking withKc(int kc) {
        return new Blocking(kc, mc, nc);
    }

    /** A copy with another mc. */
    public Blocking withMc(int mc) {
        return new Blocking(kc, mc, nc);
    }

    /** A copy with another nc. */
    public Blocking withNc(int nc) {
        return new Blocking(kc, mc, nc);
    }
}
