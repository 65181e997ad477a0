package org.neuralode4j.sensitivity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import org.junit.jupiter.api.Test;

/**
 * The binomial checkpointing schedule: the closed form t(l, s) = r·l − β(s+1, r−1) of the least
 * number of advanced steps equals the best recursive split and an exhaustive search over every
 * schedule, and the schedule meets it while never holding more than s states, reversing every step
 * once, last step first, from the right state.
 */
class RevolveScheduleTest {

    /** Carries out a schedule on positions only, checking every action against the model. */
    private static final class Simulation implements RevolveSchedule.Actions {
        final int steps;
        final Deque<Integer> stack = new ArrayDeque<>();
        int current;
        int nextToReverse;
        int peak;
        long advanced;

        Simulation(int steps) {
            this.steps = steps;
            this.nextToReverse = steps - 1;
        }

        @Override
        public void takeshot(int step) {
            assertThat(current).as("store y_%d", step).isEqualTo(step);
            stack.push(step);
            peak = Math.max(peak, stack.size());
        }

        @Override
        public void restore(int step) {
            assertThat(stack.peek()).as("restore y_%d", step).isEqualTo(step);
            current = step;
        }

        @Override
        public void release(int step) {
            assertThat(stack.pop()).as("release y_%d", step).isEqualTo(step);
        }

        @Override
        public void advance(int from, int to) {
            assertThat(current).as("advance from y_%d", from).isEqualTo(from);
            assertThat(to).isBetween(from, nextToReverse);
            advanced += to - from;
            current = to;
        }

        @Override
        public void reverse(int step) {
            assertThat(step).as("reversal order").isEqualTo(nextToReverse);
            assertThat(current).as("reverse from y_%d", step).isEqualTo(step);
            nextToReverse--;
        }
    }

    private static Simulation simulate(int steps, int checkpoints) {
        Simulation sim = new Simulation(steps);
        RevolveSchedule.run(steps, checkpoints, sim);
        assertThat(sim.nextToReverse).as("all reversed").isEqualTo(-1);
        assertThat(sim.stack).as("all released").isEmpty();
        return sim;
    }

    @Test
    void binomialsCountTheStepsThatCheckpointsReverse() {
        assertThat(RevolveSchedule.binomial(1, 5)).isEqualTo(6);
        assertThat(RevolveSchedule.binomial(3, 0)).isEqualTo(1);
        assertThat(RevolveSchedule.binomial(32, 2)).isEqualTo(561);
        assertThat(RevolveSchedule.binomial(32, 3)).isEqualTo(6545);
        assertThat(RevolveSchedule.binomial(32, 4)).isEqualTo(58905);
        assertThat(RevolveSchedule.binomial(5, -1)).isZero();
        assertThat(RevolveSchedule.binomial(1000, 1000)).isEqualTo(Long.MAX_VALUE);
        assertThat(RevolveSchedule.repetitions(6545, 32)).isEqualTo(3);
        assertThat(RevolveSchedule.repetitions(6546, 32)).isEqualTo(4);
    }

    @Test
    void closedFormIsTheBestRecursiveSplit() {
        int maxSteps = 90;
        int maxCheckpoints = 8;
        long[][] best = new long[maxSteps + 1][maxCheckpoints + 1];
        for (int s = 1; s <= maxCheckpoints; s++) {
            for (int l = 2; l <= maxSteps; l++) {
                if (s == 1) {
                    best[l][s] = (long) l * (l - 1) / 2;
                    continue;
                }
                long min = Long.MAX_VALUE;
                for (int m = 1; m < l; m++) {
                    min = Math.min(min, m + best[m][s] + best[l - m][s - 1]);
                }
                best[l][s] = min;
            }
        }
        for (int s = 1; s <= maxCheckpoints; s++) {
            for (int l = 1; l <= maxSteps; l++) {
                assertThat(RevolveSchedule.optimalAdvances(l, s)).as("t(%d, %d)", l, s).isEqualTo(best[l][s]);
                if (s >= 2 && l >= 2) {
                    int m = RevolveSchedule.split(l, s);
                    assertThat(m + best[m][s] + best[l - m][s - 1]).as("split of (%d, %d) at %d", l, s, m)
                            .isEqualTo(best[l][s]);
                }
            }
        }
    }

    @Test
    void closedFormIsTheOptimumOverEverySchedule() {
        for (int l = 1; l <= 9; l++) {
            for (int s = 1; s <= 4; s++) {
                assertThat(exhaustiveOptimum(l, s)).as("search over all schedules, l=%d s=%d", l, s)
                        .isEqualTo(RevolveSchedule.optimalAdvances(l, s));
            }
        }
    }

    /**
     * The least number of advanced steps over all schedules (0-1 breadth-first search): a state is the
     * set of stored positions, the current position and the next step to reverse; advancing one step
     * costs 1, storing (while fewer than s are stored), restoring, dropping and reversing cost 0.
     */
    private static long exhaustiveOptimum(int l, int s) {
        int positions = l + 1;
        int states = (1 << l) * positions * (l + 1);
        int[] dist = new int[states];
        Arrays.fill(dist, Integer.MAX_VALUE);
        Deque<int[]> queue = new ArrayDeque<>();
        int[] start = {0, 0, l - 1};
        dist[index(start, l)] = 0;
        queue.add(start);
        while (!queue.isEmpty()) {
            int[] st = queue.pollFirst();
            int d = dist[index(st, l)];
            int stored = st[0];
            int p = st[1];
            int next = st[2];
            if (next < 0) {
                return d;
            }
            if (p < next) {
                relax(queue, dist, new int[] {stored, p + 1, next}, d + 1, l, false);
            }
            if (p == next) {
                relax(queue, dist, new int[] {stored, p, next - 1}, d, l, true);
            }
            if (p < l && (stored & (1 << p)) == 0 && Integer.bitCount(stored) < s) {
                relax(queue, dist, new int[] {stored | (1 << p), p, next}, d, l, true);
            }
            for (int q = 0; q < l; q++) {
                if ((stored & (1 << q)) != 0) {
                    relax(queue, dist, new int[] {stored, q, next}, d, l, true);
                    relax(queue, dist, new int[] {stored & ~(1 << q), p, next}, d, l, true);
                }
            }
        }
        throw new AssertionError("no schedule reverses " + l + " steps with " + s + " checkpoints");
    }

    private static int index(int[] st, int l) {
        return (st[0] * (l + 1) + st[1]) * (l + 1) + (st[2] + 1);
    }

    private static void relax(Deque<int[]> queue, int[] dist, int[] st, int d, int l, boolean free) {
        int i = index(st, l);
        if (d < dist[i]) {
            dist[i] = d;
            if (free) {
                queue.addFirst(st);
            } else {
                queue.addLast(st);
            }
        }
    }

    @Test
    void scheduleMeetsTheOptimumWithinItsCheckpoints() {
        for (int l = 1; l <= 150; l++) {
            for (int s = 1; s <= 12; s++) {
                Simulation sim = simulate(l, s);
                assertThat(sim.advanced).as("advances for l=%d s=%d", l, s)
                        .isEqualTo(RevolveSchedule.optimalAdvances(l, s));
                assertThat(sim.peak).as("peak for l=%d s=%d", l, s).isLessThanOrEqualTo(Math.min(s, l));
            }
        }
    }

    @Test
    void largeSchedulesStayWithinTheirCheckpoints() {
        int[][] cases = {{10000, 32}, {10000, 100}, {100000, 8}, {5000, 5000}, {3000, 2}};
        for (int[] c : cases) {
            Simulation sim = simulate(c[0], c[1]);
            assertThat(sim.advanced).isEqualTo(RevolveSchedule.optimalAdvances(c[0], c[1]));
            assertThat(sim.peak).isLessThanOrEqualTo(c[1]);
        }
        // 32 checkpoints reverse 10000 steps advancing each at most 4 times: 4·10000 − C(36, 3)
        assertThat(RevolveSchedule.optimalAdvances(10000, 32)).isEqualTo(40000 - 7140);
        assertThat(RevolveSchedule.optimalAdvances(5000, 5000)).isEqualTo(4999);
        assertThat(RevolveSchedule.optimalAdvances(50, 1)).isEqualTo(50 * 49 / 2);
    }

    @Test
    void refusesNoCheckpoints() {
        assertThatThrownBy(() -> RevolveSchedule.run(3, 0, new Simulation(3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("checkpoints >= 1");
    }
}
