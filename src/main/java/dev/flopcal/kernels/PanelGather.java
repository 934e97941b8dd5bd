package dev.flopcal.kernels;

/**
 * Index maps with which a 12-row A panel is packed by vector gathers rather than element by element.
 *
 * <p>A packed 12-row panel holds, for each step p of the depth, the 12 elements A[r..r+11][p] one after the other.
 * With vectors of {@code lanes} elements, {@code lanes / 4} steps fill exactly three vectors (12 × lanes / 4 =
 * 3 × lanes), so three gathers with a fixed map copy them: lane j of the three reads row {@code j % 12}, step
 * {@code j / 12}, at {@code j / 12 + (j % 12) · lda} from the panel's first element. That packs a matrix faster
 * than an element-by-element transpose. Measurements: docs/kernels.md#a-panels-packed-by-gathers.
 *
 * <p>A panel with fewer valid rows (the last of a block) uses a map in which the rows past the end read the panel's
 * first row instead, and a mask that zeroes those lanes: the Vector API checks every lane's index against the array,
 * masked or not, so the map itself must stay inside A.
 */
final class PanelGather {
    /** Rows of the panels packed by gathers. */
    static final int ROWS = 12;

    private PanelGather() {
    }

    /** Whether vectors of this many lanes fill three vectors with whole depth steps of a 12-row panel. */
    static boolean supports(int lanes) {
        return lanes >= 4 && lanes % 4 == 0 && lanes <= 64;
    }

    /**
     * Maps for rows 1 to 12 valid ({@code maps[valid]}; {@code maps[0]} is unused), each {@code 3 · lanes} long, for
     * rows {@code lda} elements apart.
     *
     * @throws IllegalArgumentException if the lanes are not {@linkplain #supports supported} or lda is negative
     */
    static int[][] maps(int lda, int lanes) {
        if (!supports(lanes) || lda < 0) {
            throw new IllegalArgumentException("no gather map for " + lanes + " lanes and lda " + lda);
        }
        int[][] maps = new int[ROWS + 1][];
        for (int valid = 1; valid <= ROWS; valid++) {
            int[] map = new int[3 * lanes];
            for (int j = 0; j < map.length; j++) {
                int row = j % ROWS, step = j / ROWS;
                // a row past the end would be outside A for the last panel; it is masked off, so read row 0 instead
                long index = row < valid ? step + (long) row * lda : step;
                map[j] = (int) Math.min(index, Integer.MAX_VALUE);
            }
            maps[valid] = map;
        }
        return maps;
    }

    /** Lanes {@code [first, first + lanes)} of a map whose rows are valid, as mask bits (bit i for lane first + i). */
    static long validLanes(int valid, int first, int lanes) {
        long bits = 0;
        for (int i = 0; i < lanes; i++) {
            if ((first + i) % ROWS < valid) {
                bits |= 1L << i;
            }
        }
        return bits;
    }
}
