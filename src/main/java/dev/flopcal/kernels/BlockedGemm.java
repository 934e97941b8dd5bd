package dev.flopcal.kernels;

/**
 * The loop nest of a packed, cache-blocked GEMM (Goto and van de Geijn 2008; BLIS loops 5 to 1), with the
 * element type left to subclasses.
 *
 * <pre>
 * for jc in n step nc:
 *   for pc in k step kc:               B block kc×nc packed by each thread into its own buffer
 *     for ic in (this thread's rows) step mc:   A block mc×kc packed by its thread
 *       for jr in nc step NR:          B micro-panel kc×NR (stays in L1)
 *         for ir in mc step MR:        micro-kernel: MR×NR tile of C held in registers
 * </pre>
 * or, with {@link Blocking.Order#A_PANEL_OUTER} (the default, see {@link Blocking#forCaches}):
 * <pre>
 *       for jb in nc step nb:          kc×nb part of the B block (stays in L2)
 *         for ir in mc step MR:        A micro-panel MR×kc (stays in L1)
 *           for jr in nb step NR:      micro-kernel; successive tiles lie along the same rows of C
 * </pre>
 *
 * Rows of C are dealt to threads in runs of MR, so each thread packs only its own rows of A. Each thread also packs
 * its own copy of the B block: threads then never wait for each other and read B panels from their own cache, which
 * measured faster than one shared, cooperatively packed block (docs/kernels.md#threads); the cost, packing B once
 * per thread, is k·n copies against 2·m·n·k/T operations per thread. Partial tiles at the
 * right and bottom edges run the same micro-kernel on zero-padded panels into a scratch tile, of which only the
 * valid part is stored.
 */
abstract class BlockedGemm {
    final int mr;
    final int nr;
    final int kcMax;
    final int mc;
    final int nc;
    final int nb;
    final boolean aPanelOuter;
    final ThreadTeam team;

    BlockedGemm(int mr, int nr, Blocking blocking, int kcLimit, ThreadTeam team) {
        this.mr = mr;
        this.nr = nr;
        this.kcMax = Math.min(blocking.kc(), kcLimit);
        // mc a multiple of mr keeps packed A panels aligned to micro-tiles; nc a multiple of nr likewise for B
        this.mc = Math.max(mr, blocking.mc() / mr * mr);
        this.nc = Math.max(nr, blocking.nc() / nr * nr);
        this.nb = Math.max(nr, blocking.nb() / nr * nr);
        this.aPanelOuter = blocking.order() == Blocking.Order.A_PANEL_OUTER;
        this.team = team;
    }

    /**
     * Packs rows [pc, pc+kc) of B, columns [col0, col0+width), into member's panels starting at {@code panel0},
     * each nr wide (the last zero-padded). Rows are read in order, so the source is one sequential stream per row.
     * Full runs are copied with two vector loads and stores rather than {@code System.arraycopy}, whose stub call
     * is not amortized over 16 doubles or 32 floats. Measurements: docs/kernels.md#packing-b.
     */
    abstract void packB(int member, int pc, int kc, int col0, int width, int panel0);

    /** Packs rows [row, row+rows) × columns [pc, pc+kc) of A into member's buffer, in mr-row panels. */
    abstract void packA(int member, int row, int rows, int pc, int kc);

    /**
     * Multiplies packed A panel (offset {@code aOffset}) by packed B panel (offset {@code bOffset}) over depth kc
     * and stores the rows×cols valid part into C at (row, col), replacing C when {@code first}, adding otherwise.
     */
    abstract void tile(int member, int aOffset, int bOffset, int kc, int row, int col, int rows, int cols,
                       boolean first);

    /** Runs the loop nest for C(m×n) = A(m×k)·B(k×n) on all members of the team. */
    final void run(int m, int n, int k) {
        team.run(member -> work(member, m, n, k));
    }

    private void work(int member, int m, int n, int k) {
        int members = team.size();
        long myRows = ThreadTeam.slice(member, members, m, mr);
        int rowFrom = ThreadTeam.sliceFrom(myRows);
        int rowTo = ThreadTeam.sliceTo(myRows);
        for (int jc = 0; jc < n; jc += nc) {
            int ncb = Math.min(nc, n - jc);
            for (int pc = 0; pc < k; pc += kcMax) {
                int kc = Math.min(kcMax, k - pc);
                if (rowFrom < rowTo) {
                    packB(member, pc, kc, jc, ncb, 0);
                }
                boolean first = pc == 0;
                for (int ic = rowFrom; ic < rowTo; ic += mc) {
                    int mcb = Math.min(mc, rowTo - ic);
                    packA(member, ic, mcb, pc, kc);
                    if (aPanelOuter) {
                        for (int jb = 0; jb < ncb; jb += nb) {
                            int jbEnd = Math.min(ncb, jb + nb);
                            for (int ir = 0; ir < mcb; ir += mr) {
                                int rows = Math.min(mr, mcb - ir);
                                for (int jr = jb; jr < jbEnd; jr += nr) {
                                    tile(member, ir * kc, jr * kc, kc, ic + ir, jc + jr, rows, Math.min(nr, ncb - jr),
                                            first);
                                }
                            }
                        }
                    } else {
                        for (int jr = 0; jr < ncb; jr += nr) {
                            int cols = Math.min(nr, ncb - jr);
                            for (int ir = 0; ir < mcb; ir += mr) {
                                tile(member, ir * kc, jr * kc, kc, ic + ir, jc + jr, Math.min(mr, mcb - ir), cols, first);
                            }
                        }
                    }
                }
            }
        }
    }
}
