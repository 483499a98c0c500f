package dev.nabla.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/** The shared thread pool: coverage of ranges, nesting without deadlock, exceptions, concurrent callers. */
class ParallelTest {
    @Test
    void coversEveryIndexOnceForAnyThreadCount() {
        int saved = Parallel.threads();
        try {
            for (int th : new int[] {1, 2, 3, 5}) {
                Parallel.setThreads(th);
                assertEquals(th, Parallel.threads());
                for (int n : new int[] {0, 1, 2, 7, 100, 1001}) {
                    for (int grain : new int[] {1, 3, 64, 5000}) {
                        AtomicIntegerArray hits = new AtomicIntegerArray(Math.max(1, n));
                        AtomicInteger chunks = new AtomicInteger();
                        Parallel.forRange(n, grain, (s, e) -> {
                            assertTrue(s < e);
                            chunks.incrementAndGet();
                            for (int i = s; i < e; i++) hits.incrementAndGet(i);
                        });
                        for (int i = 0; i < n; i++) assertEquals(1, hits.get(i), "n=" + n + " i=" + i);
                        assertEquals(Parallel.chunks(n, grain), chunks.get());
                        assertTrue(chunks.get() <= th);
                    }
                }
            }
        } finally {
            Parallel.setThreads(saved);
        }
    }

    @Test
    void forPartsClaimsEveryChunkExactlyOnceEvenWithMoreChunksThanThreads() {
        int saved = Parallel.threads();
        try {
            for (int th : new int[] {1, 2, 3}) {
                Parallel.setThreads(th);
                for (int n : new int[] {1, 5, 16, 98, 1000}) {
                    for (int parts : new int[] {1, 2, 8, 64}) {
                        AtomicIntegerArray hits = new AtomicIntegerArray(n);
                        AtomicInteger chunks = new AtomicInteger();
                        Parallel.forParts(n, parts, (s, e) -> {
                            assertTrue(s < e);
                            chunks.incrementAndGet();
                            for (int i = s; i < e; i++) hits.incrementAndGet(i);
                        });
                        for (int i = 0; i < n; i++) assertEquals(1, hits.get(i), "n=" + n + " parts=" + parts + " index " + i);
                        int expected = th == 1 ? 1 : Math.min(parts, n);
                        assertEquals(expected, chunks.get(), "n=" + n + " parts=" + parts + " threads=" + th);
                    }
                }
            }
        } finally {
            Parallel.setThreads(saved);
        }
    }

    /**
     * The calling thread runs its own share (the first chunk) itself: the worker's chunk waits until chunk 0 has
     * started, so the worker could only take chunk 0 by stealing it after that, which cannot happen.
     */
    @Test
    void theCallerRunsTheFirstShareSoConsecutiveOpsKeepDataOnOneCore() throws Exception {
        int saved = Parallel.threads();
        try {
            Parallel.setThreads(2);
            for (int rep = 0; rep < 20; rep++) {
                Thread[] ranBy = new Thread[2];
                java.util.concurrent.CountDownLatch firstStarted = new java.util.concurrent.CountDownLatch(1);
                Parallel.forRange(2, 1, (s, e) -> {
                    if (s == 0) firstStarted.countDown();
                    else {
                        try {
                            firstStarted.await(5, java.util.concurrent.TimeUnit.SECONDS);
                        } catch (InterruptedException ex) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    ranBy[s] = Thread.currentThread();
                });
                assertEquals(Thread.currentThread(), ranBy[0], "repetition " + rep);
            }
        } finally {
            Parallel.setThreads(saved);
        }
    }

    @Test
    void nestedCallsRunInlineWithoutDeadlock() {
        int saved = Parallel.threads();
        try {
            Parallel.setThreads(2);
            AtomicInteger total = new AtomicInteger();
            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
                for (int rep = 0; rep < 50; rep++) {
                    Parallel.forRange(4, 1, (s, e) -> {
                        for (int i = s; i < e; i++) Parallel.forRange(100, 1, (s2, e2) -> total.addAndGet(e2 - s2));
                    });
                }
            });
            assertEquals(50 * 4 * 100, total.get());
        } finally {
            Parallel.setThreads(saved);
        }
    }

    @Test
    void exceptionsPropagateAfterAllChunks() {
        int saved = Parallel.threads();
        try {
            Parallel.setThreads(2);
            AtomicInteger ran = new AtomicInteger();
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> Parallel.forRange(2, 1, (s, t) -> {
                ran.incrementAndGet();
                if (s == 1) throw new IllegalStateException("boom");
            }));
            assertEquals("boom", e.getMessage());
            assertEquals(2, ran.get());
            // the pool still works afterwards
            AtomicInteger sum = new AtomicInteger();
            Parallel.forRange(10, 1, (s, t) -> sum.addAndGet(t - s));
            assertEquals(10, sum.get());
        } finally {
            Parallel.setThreads(saved);
        }
    }

    @Test
    void concurrentCallersAllComplete() throws Exception {
        int saved = Parallel.threads();
        try {
            Parallel.setThreads(2);
            AtomicInteger sum = new AtomicInteger();
            Thread[] ts = new Thread[4];
            for (int t = 0; t < ts.length; t++) {
                ts[t] = new Thread(() -> {
                    for (int rep = 0; rep < 200; rep++) Parallel.forRange(64, 1, (s, e) -> sum.addAndGet(e - s));
                });
                ts[t].start();
            }
            for (Thread t : ts) t.join(20_000);
            assertEquals(4 * 200 * 64, sum.get());
        } finally {
            Parallel.setThreads(saved);
        }
    }

    @Test
    void rejectsBadThreadCount() {
        assertThrows(IllegalArgumentException.class, () -> Parallel.setThreads(0));
    }

    /** Background work: every index exactly once, whoever runs it; finish() waits for it all, also with one thread. */
    @Test
    void backgroundWorkRunsEveryIndexOnceAndFinishWaitsForIt() {
        int saved = Parallel.threads();
        try {
            for (int th : new int[] {1, 2, 3}) {
                Parallel.setThreads(th);
                for (int n : new int[] {0, 1, 7, 64, 1001}) {
                    for (int chunk : new int[] {1, 8, 5000}) {
                        AtomicIntegerArray hits = new AtomicIntegerArray(Math.max(1, n));
                        Parallel.Background work = Parallel.background(n, chunk, (s, e) -> {
                            assertTrue(s < e && e - s <= chunk);
                            for (int i = s; i < e; i++) hits.incrementAndGet(i);
                        });
                        // parallel ops may run meanwhile; the workers come back to the background work between them
                        AtomicInteger sum = new AtomicInteger();
                        Parallel.forParts(100, 10, (s, e) -> sum.addAndGet(e - s));
                        assertEquals(100, sum.get());
                        work.finish();
                        assertTrue(work.isDone());
                        for (int i = 0; i < n; i++) assertEquals(1, hits.get(i), "threads " + th + " n=" + n + " chunk " + chunk + " index " + i);
                    }
                }
            }
        } finally {
            Parallel.setThreads(saved);
        }
    }

    @Test
    void backgroundFailureIsRethrownByFinishAndNestedParallelismRunsInline() {
        int saved = Parallel.threads();
        try {
            Parallel.setThreads(2);
            Parallel.Background bad = Parallel.background(50, 5, (s, e) -> {
                if (s <= 25 && 25 < e) throw new IllegalStateException("chunk " + s);
            });
            assertEquals("chunk 25", assertThrows(IllegalStateException.class, bad::finish).getMessage());
            AtomicInteger nestedChunks = new AtomicInteger();
            Parallel.background(4, 1, (s, e) -> Parallel.forRange(1000, 1, (a, b) -> nestedChunks.incrementAndGet())).finish();
            assertEquals(4, nestedChunks.get(), "a forRange inside background work does not fork");
        } finally {
            Parallel.setThreads(saved);
        }
    }
}
