package dev.flopcal.kernels;

import java.util.Locale;

/**
 * The four STREAM-style bandwidth kernels over doubles and the bytes each moves per element by STREAM's convention:
 * every load and every store counts 8 bytes; the read a write-allocating cache does before a store is not counted.
 */
public enum StreamKernel {
    /** {@code sum += a[i]}: one load. */
    READ(1, 1, 0),
    /** {@code a[i] = v}: one store. */
    WRITE(1, 0, 1),
    /** {@code a[i] = b[i]}: one load, one store. */
    COPY(2, 1, 1),
    /** {@code a[i] = b[i] + s·c[i]}: two loads, one store. */
    TRIAD(3, 2, 1);

    private final int streams;
    private final int loads;
    private final int stores;

    StreamKernel(int streams, int loads, int stores) {
        this.streams = streams;
        this.loads = loads;
        this.stores = stores;
    }

    /** Arrays the kernel runs over; a working set of W bytes gives each W / streams. */
    public int streams() {
        return streams;
    }

    /** Bytes counted per element: 8 per load and per store (read 8, write 8, copy 16, triad 24). */
    public int bytesPerElement() {
        return Double.BYTES * (loads + stores);
    }

    /** Lower-case name as in benchmark names, parameters and profiles: "read", "write", "copy", "triad". */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The kernel with this id.
     *
     * @throws IllegalArgumentException naming the id and the valid ones
     */
    public static StreamKernel parse(String id) {
        for (StreamKernel k : values()) {
            if (k.id().equals(id)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown bandwidth kernel '" + id + "'; expected read, write, copy or triad");
    }
}
