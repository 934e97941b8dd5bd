package dev.flopcal.kernels;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * A fixed team of threads that run one body together, the caller being member 0. Workers persist between
 * {@link #run} calls so that a benchmark does not time thread creation.
 *
 * <p>Every wait spins only briefly (about a thousand {@code PAUSE}s) and then yields the CPU: if the scheduler has
 * put two members on one CPU, a member that kept spinning would hold it until preempted, several milliseconds,
 * while the member it waits for sits in the same run queue (measured: docs/kernels.md#threads).
 * Idle workers keep yielding for {@link #IDLE_PARK_NANOS} and then park, so a team costs nothing between uses.
 *
 * <p>A team is used by one caller at a time. An exception thrown by any member is rethrown by {@code run}
 * after all members have stopped.
 */
public final class ThreadTeam implements AutoCloseable {
    private static final int SPINS_BEFORE_YIELD = 1 << 10;
    private static final long IDLE_PARK_NANOS = 20_000_000L;

    private final int size;
    private final Thread[] workers;
    private final AtomicInteger generation = new AtomicInteger();
    private final AtomicInteger running = new AtomicInteger();
    private volatile IntConsumer body;
    private volatile Throwable failure;
    private volatile boolean closed;

    /**
     * @param size number of members including the caller, at least 1
     * @throws IllegalArgumentException if {@code size < 1}
     */
    public ThreadTeam(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("thread count must be at least 1, got " + size);
        }
        this.size = size;
        this.workers = new Thread[size - 1];
        for (int i = 1; i < size; i++) {
            int member = i;
            Thread t = new Thread(() -> workLoop(member), "flopcal-worker-" + i);
            t.setDaemon(true);
            workers[i - 1] = t;
            t.start();
        }
    }

    /** Number of members, including the calling thread. */
    public int size() {
        return size;
    }

    /**
     * Runs {@code body.accept(member)} on every member, member 0 on the calling thread, and returns when all
     * have finished.
     *
     * @throws IllegalStateException if the team is closed
     */
    public void run(IntConsumer body) {
        if (closed) {
            throw new IllegalStateException("thread team is closed");
        }
        if (size == 1) {
            body.accept(0);
            return;
        }
        this.failure = null;
        this.body = body;
        running.set(size - 1);
        generation.incrementAndGet();
        for (Thread w : workers) {
            LockSupport.unpark(w);
        }
        try {
            body.accept(0);
        } catch (Throwable t) {
            fail(t);
        }
        for (int spins = 0; running.get() != 0; spins++) {
            pause(spins);
        }
        Throwable t = failure;
        if (t instanceof RuntimeException re) {
            throw re;
        } else if (t instanceof Error e) {
            throw e;
        } else if (t != null) {
            throw new IllegalStateException(t);
        }
    }

    /**
     * The half-open slice {@code [from, to)} of {@code count} items that member {@code member} owns when the items
     * are dealt out in contiguous runs whose lengths are multiples of {@code grain}.
     */
    public static long slice(int member, int members, int count, int grain) {
        int units = (count + grain - 1) / grain;
        int from = (int) Math.min(count, (long) units * member / members * grain);
        int to = (int) Math.min(count, (long) units * (member + 1) / members * grain);
        return ((long) from << 32) | (to & 0xFFFFFFFFL);
    }

    /** Start of a slice returned by {@link #slice}. */
    public static int sliceFrom(long slice) {
        return (int) (slice >>> 32);
    }

    /** End (exclusive) of a slice returned by {@link #slice}. */
    public static int sliceTo(long slice) {
        return (int) slice;
    }

    @Override
    public void close() {
        closed = true;
        for (Thread w : workers) {
            LockSupport.unpark(w);
        }
        for (Thread w : workers) {
            try {
                w.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void pause(int spins) {
        if (spins < SPINS_BEFORE_YIELD) {
            Thread.onSpinWait();
        } else {
            Thread.yield();
        }
    }

    private void fail(Throwable t) {
        if (failure == null) {
            failure = t;
        }
    }

    private void workLoop(int member) {
        int seen = 0;
        while (true) {
            int g;
            long idleSince = 0;
            for (int spins = 0; (g = generation.get()) == seen && !closed; spins++) {
                if (spins < SPINS_BEFORE_YIELD) {
                    Thread.onSpinWait();
                } else if (idleSince == 0) {
                    idleSince = System.nanoTime();
                } else if ((spins & 63) != 0 || System.nanoTime() - idleSince < IDLE_PARK_NANOS) {
                    Thread.yield();
                } else {
                    LockSupport.park(this);
                }
            }
            if (closed) {
                return;
            }
            seen = g;
            try {
                body.accept(member);
            } catch (Throwable t) {
                fail(t);
            }
            running.decrementAndGet();
        }
    }
}
