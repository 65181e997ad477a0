package org.neuralode4j.data;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Draws batches of sub-trajectories as torchdiffeq's ode_demo does: {@code batchSize} distinct start
 * samples, chosen uniformly without replacement among all positions that leave {@code batchTime}
 * samples in their trajectory, each window holding {@code batchTime} consecutive samples.
 */
public final class WindowSampler {
    private final TimeSeriesDataset data;
    private final int batchSize;
    private final int batchTime;
    private final int[] trajectoryOf;
    private final int[] startOf;

    /**
     * @throws DataException when no trajectory is long enough or fewer than batchSize starts exist
     */
    public WindowSampler(TimeSeriesDataset data, int batchSize, int batchTime) {
        if (batchTime < 2) {
            throw new DataException("batch time " + batchTime + " must be at least 2 (an initial state and a target)");
        }
        if (batchSize < 1) {
            throw new DataException("batch size " + batchSize + " must be at least 1");
        }
        this.data = data;
        this.batchSize = batchSize;
        this.batchTime = batchTime;
        List<int[]> starts = new ArrayList<>();
        for (int k = 0; k < data.size(); k++) {
            for (int s = 0; s + batchTime <= data.trajectory(k).length(); s++) {
                starts.add(new int[] {k, s});
            }
        }
        if (starts.size() < batchSize) {
            throw new DataException("only " + starts.size() + " windows of " + batchTime + " samples fit in the data, fewer "
                    + "than the batch size " + batchSize + ": lower --batch-size or --batch-time");
        }
        trajectoryOf = new int[starts.size()];
        startOf = new int[starts.size()];
        for (int i = 0; i < starts.size(); i++) {
            trajectoryOf[i] = starts.get(i)[0];
            startOf[i] = starts.get(i)[1];
        }
    }

    /** Number of possible windows. */
    public int windowCount() {
        return startOf.length;
    }

    /** The next batch; draws from {@code rng} (its state advances, so seeding it makes runs repeatable). */
    public Batch next(RandomGenerator rng) {
        int[] pick = sampleWithoutReplacement(rng, startOf.length, batchSize);
        List<Trajectory> windows = new ArrayList<>(batchSize);
        for (int p : pick) {
            Trajectory t = data.trajectory(trajectoryOf[p]);
            windows.add(t.slice(startOf[p], startOf[p] + batchTime));
        }
        return new Batch(windows);
    }

    /** {@code k} distinct integers from [0, n) in random order (partial Fisher–Yates). */
    static int[] sampleWithoutReplacement(RandomGenerator rng, int n, int k) {
        int[] pool = new int[n];
        for (int i = 0; i < n; i++) {
            pool[i] = i;
        }
        for (int i = 0; i < k; i++) {
            int j = i + rng.nextInt(n - i);
            int tmp = pool[i];
            pool[i] = pool[j];
            pool[j] = tmp;
        }
        return java.util.Arrays.copyOf(pool, k);
    }

    /** A batch of whole trajectories (each on its own time grid). */
    public static Batch wholeTrajectories(TimeSeriesDataset data) {
        return new Batch(data.trajectories());
    }
}
