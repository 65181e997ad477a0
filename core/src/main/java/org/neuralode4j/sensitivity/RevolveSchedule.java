package org.neuralode4j.sensitivity;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Binomial checkpointing: the order in which to recompute, store and reverse the N steps of a
 * computation so that at most c states are stored at once and the number of recomputed steps is
 * the least possible (A. Griewank, A. Walther, "Algorithm 799: Revolve: an implementation of
 * checkpointing for the reverse or adjoint mode of computational differentiation", ACM TOMS 26(1),
 * 2000; A. Griewank, "Achieving logarithmic growth of temporal and spatial complexity in reverse
 * automatic differentiation", Optim. Methods Softw. 1, 1992).
 *
 * <p>The model: the state y_0 is stored; {@link Actions#advance advancing} runs steps forward without
 * recording them; {@link Actions#reverse reversing} step k runs it once more, recorded, from y_k
 * and backpropagates through it. Reversing a range [a, b) whose start y_a is stored with s
 * checkpoints in hand (that one included) is done by advancing to a split point a + m, storing
 * y_{a+m}, reversing [a+m, b) with s − 1 checkpoints, releasing y_{a+m} and reversing [a, a+m) with
 * s. With one checkpoint, each step j is reached by advancing from y_a again. Checkpoints are
 * released in the reverse order of storing, so they form a stack, and the range being reversed
 * always starts at its top.
 *
 * <p>With β(s, r) = C(s + r, s) the largest number of steps that s checkpoints reverse when no step
 * is advanced more than r times, the least number of advanced steps for l steps and s checkpoints is
 * t(l, s) = r·l − β(s + 1, r − 1), where r is the smallest with β(s, r) ≥ l (Griewank 1992;
 * the repetition number). {@link #split} picks a split point that meets this bound: the cost
 * m + t(m, s) + t(l − m, s − 1) of a split is convex in m, and any m with
 * max(β(s, r−2), l − β(s−1, r)) ≤ m ≤ min(β(s, r−1), l − β(s−1, r−1)) balances its left and right
 * differences (the lower part needs at most r − 1 repetitions, the upper part with one checkpoint
 * fewer at most r); the largest such m is taken. When the upper part is a single step it is reversed
 * from the advanced state without storing it.
 */
final class RevolveSchedule {
    private RevolveSchedule() {
    }

    /** What a schedule asks of the computation it reverses; positions are step indices 0..N. */
    interface Actions {
        /** Stores the current state, which is y_step, on top of the checkpoint stack. */
        void takeshot(int step);

        /** Makes the top checkpoint, y_step, the current state (nothing to do if it is current). */
        void restore(int step);

        /** Drops the top checkpoint, y_step. */
        void release(int step);

        /** Runs steps from..to−1 without recording: the current state goes from y_from to y_to. */
        void advance(int from, int to);

        /** Runs step k recorded from the current state y_k and backpropagates through it. */
        void reverse(int step);
    }

    /**
     * Reverses steps N−1 down to 0 with at most {@code checkpoints} states stored at once (y_0
     * included; more than N are never used) and {@link #optimalAdvances} advanced steps.
     *
     * @param steps N ≥ 0
     * @param checkpoints c ≥ 1
     */
    static void run(int steps, int checkpoints, Actions actions) {
        if (steps < 0 || checkpoints < 1) {
            throw new IllegalArgumentException("a schedule needs steps >= 0 and checkpoints >= 1, got " + steps
                    + " and " + checkpoints);
        }
        if (steps == 0) {
            return;
        }
        actions.takeshot(0);
        Deque<int[]> pending = new ArrayDeque<>();
        pending.push(range(0, steps, Math.min(checkpoints, steps)));
        while (!pending.isEmpty()) {
            int[] task = pending.pop();
            if (task.length == 1) {
                actions.release(task[0]);
                continue;
            }
            int a = task[0];
            int b = task[1];
            int s = task[2];
            if (b - a == 1) {
                actions.restore(a);
                actions.reverse(a);
            } else if (s == 1) {
                for (int j = b - 1; j >= a; j--) {
                    actions.restore(a);
                    actions.advance(a, j);
                    actions.reverse(j);
                }
            } else {
                int mid = a + split(b - a, s);
                actions.restore(a);
                actions.advance(a, mid);
                pending.push(range(a, mid, s));
                if (b - mid == 1) {
                    actions.reverse(mid);
                } else {
                    actions.takeshot(mid);
                    pending.push(new int[] {mid});
                    pending.push(range(mid, b, s - 1));
                }
            }
        }
        actions.release(0);
    }

    private static int[] range(int from, int to, int checkpoints) {
        return new int[] {from, to, checkpoints};
    }

    /**
     * β(s, r) = C(s + r, s): how many steps s checkpoints reverse with no step advanced more than r
     * times; 0 for negative arguments, {@link Long#MAX_VALUE} when it does not fit in a long.
     */
    static long binomial(int s, int r) {
        if (s < 0 || r < 0) {
            return 0;
        }
        long beta = 1;
        for (int j = 1; j <= r; j++) {
            long factor = (long) s + j;
            if (beta > Long.MAX_VALUE / factor) {
                return Long.MAX_VALUE;
            }
            beta = beta * factor / j; // C(s+j, j) = C(s+j-1, j-1)·(s+j)/j, exact at every j
        }
        return beta;
    }

    /** The repetition number: the smallest r with β(s, r) ≥ l. */
    static int repetitions(int steps, int checkpoints) {
        int r = 0;
        while (binomial(checkpoints, r) < steps) {
            r++;
        }
        return r;
    }

    /**
     * The least number of advanced steps that reverses {@code steps} steps with {@code checkpoints}
     * stored states: t(l, s) = r·l − β(s + 1, r − 1) (0 for a single step; l(l − 1)/2 with one
     * checkpoint; l − 1 with l − 1 or more).
     */
    static long optimalAdvances(int steps, int checkpoints) {
        if (steps <= 1) {
            return 0;
        }
        int s = Math.min(checkpoints, steps);
        int r = repetitions(steps, s);
        return (long) r * steps - binomial(s + 1, r - 1);
    }

    /**
     * Where to store the next checkpoint when reversing l ≥ 2 steps with s ≥ 2 checkpoints: the
     * largest optimal split m in [1, l − 1] (see the class comment).
     */
    static int split(int steps, int checkpoints) {
        int r = repetitions(steps, checkpoints);
        long m = Math.min(steps - 1L, binomial(checkpoints, r - 1));
        m = Math.min(m, steps - binomial(checkpoints - 1, r - 1));
        return (int) m;
    }
}
