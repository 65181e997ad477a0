package org.neuralode4j.cli;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;

/**
 * Waits, after a benchmark's warm-up, until the JIT compilers have gone quiet: their total
 * compilation time ({@link CompilationMXBean#getTotalCompilationTime()}) unchanged over several
 * consecutive polls. A warm-up can leave methods behind that have just crossed the compile
 * thresholds, and a timed run started at once then measures part of its iterations on first-tier
 * code (with a profiler attached, C2 was still compiling well into a timed spiral run that followed
 * 5000 warm-up iterations at once). HotSpot adds a compilation's time when it finishes, so one
 * compilation longer than the quiet polls can pass for quiet: a heuristic, not a guarantee.
 */
final class JitQuiescence {
    /** Poll interval, milliseconds. */
    static final long POLL_MILLIS = 100;
    /** Consecutive polls without compilation that count as quiet. */
    static final int QUIET_POLLS = 3;

    private JitQuiescence() {
    }

    /**
     * Sleeps until the JIT has finished no compilation for {@link #QUIET_POLLS} polls in a row, or
     * about {@code maxMillis} have passed (the deadline is checked before each poll); returns at once
     * where the JVM does not report compilation time.
     *
     * @return milliseconds waited
     */
    static long await(long maxMillis) {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        if (jit == null || !jit.isCompilationTimeMonitoringSupported()) {
            return 0;
        }
        long start = System.nanoTime();
        long deadline = start + maxMillis * 1_000_000L;
        long last = jit.getTotalCompilationTime();
        int quiet = 0;
        while (quiet < QUIET_POLLS && System.nanoTime() < deadline) {
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            long now = jit.getTotalCompilationTime();
            quiet = now == last ? quiet + 1 : 0;
            last = now;
        }
        return (System.nanoTime() - start) / 1_000_000L;
    }
}
