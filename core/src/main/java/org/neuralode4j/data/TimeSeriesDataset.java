package org.neuralode4j.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A set of sampled trajectories of one system: each trajectory has its own, possibly irregular,
 * sample times, and all share the state (and input) channels. Immutable.
 */
public final class TimeSeriesDataset {
    private final List<Trajectory> trajectories;
    private final List<String> stateNames;
    private final List<String> inputNames;

    /**
     * @param trajectories at least one, all with the same state and input dimensions
     * @param stateNames one name per state channel
     * @param inputNames one name per input channel (empty without inputs)
     * @throws DataException naming the first trajectory that does not fit
     */
    public TimeSeriesDataset(List<Trajectory> trajectories, List<String> stateNames, List<String> inputNames) {
        if (trajectories.isEmpty()) {
            throw new DataException("the dataset has no trajectories: give at least one trajectory with two or more samples");
        }
        Trajectory first = trajectories.get(0);
        if (stateNames.size() != first.dim()) {
            throw new DataException(stateNames.size() + " state names " + stateNames + " for " + first.dim() + " state channels");
        }
        if (inputNames.size() != first.inputDim()) {
            throw new DataException(inputNames.size() + " input names " + inputNames + " for " + first.inputDim()
                    + " input channels");
        }
        for (Trajectory t : trajectories) {
            if (t.dim() != first.dim() || t.inputDim() != first.inputDim()) {
                throw new DataException("trajectory '" + t.id() + "' has " + t.dim() + " states and " + t.inputDim()
                        + " inputs, but trajectory '" + first.id() + "' has " + first.dim() + " and " + first.inputDim());
            }
        }
        this.trajectories = List.copyOf(trajectories);
        this.stateNames = List.copyOf(stateNames);
        this.inputNames = List.copyOf(inputNames);
    }

    /** A single-trajectory dataset with generated channel names z0, z1, ... and u0, u1, .... */
    public static TimeSeriesDataset of(Trajectory trajectory) {
        List<String> s = new ArrayList<>();
        for (int i = 0; i < trajectory.dim(); i++) {
            s.add("z" + i);
        }
        List<String> u = new ArrayList<>();
        for (int i = 0; i < trajectory.inputDim(); i++) {
            u.add("u" + i);
        }
        return new TimeSeriesDataset(List.of(trajectory), s, u);
    }

    /** The trajectories in order. */
    public List<Trajectory> trajectories() {
        return trajectories;
    }

    /** Trajectory i. */
    public Trajectory trajectory(int i) {
        return trajectories.get(i);
    }

    /** Number of trajectories. */
    public int size() {
        return trajectories.size();
    }

    /** State dimension. */
    public int dim() {
        return trajectories.get(0).dim();
    }

    /** Input dimension (0 without inputs). */
    public int inputDim() {
        return trajectories.get(0).inputDim();
    }

    /** State channel names. */
    public List<String> stateNames() {
        return stateNames;
    }

    /** Input channel names. */
    public List<String> inputNames() {
        return inputNames;
    }

    /** Total number of samples over all trajectories. */
    public int sampleCount() {
        int n = 0;
        for (Trajectory t : trajectories) {
            n += t.length();
        }
        return n;
    }

    /** A dataset of the same channels holding other trajectories. */
    public TimeSeriesDataset with(List<Trajectory> others) {
        return new TimeSeriesDataset(others, stateNames, inputNames);
    }

    /** Training and validation parts of a dataset. */
    public record Split(TimeSeriesDataset train, TimeSeriesDataset validation) {
    }

    /**
     * Splits by whole trajectories: a seeded random {@code validationFraction} of them (at least one,
     * and at least one left for training) goes to validation.
     */
    public Split splitByTrajectory(double validationFraction, RandomGenerator rng) {
        if (!(validationFraction > 0 && validationFraction < 1)) {
            throw new DataException("validation fraction " + validationFraction + " must lie strictly between 0 and 1");
        }
        if (trajectories.size() < 2) {
            throw new DataException("splitting by trajectory needs at least two trajectories, the dataset has "
                    + trajectories.size() + "; split by time instead");
        }
        List<Trajectory> shuffled = new ArrayList<>(trajectories);
        for (int i = shuffled.size() - 1; i > 0; i--) {
            Collections.swap(shuffled, i, rng.nextInt(i + 1));
        }
        int nVal = (int) Math.round(validationFraction * shuffled.size());
        nVal = Math.max(1, Math.min(shuffled.size() - 1, nVal));
        return new Split(with(shuffled.subList(nVal, shuffled.size())), with(shuffled.subList(0, nVal)));
    }

    /**
     * Splits by time: training keeps the samples with t ≤ {@code tSplit}; validation keeps, for each
     * trajectory extending beyond it, the last training sample (its initial state) and everything
     * after. Train on the past, validate on the future.
     *
     * @throws DataException when a trajectory keeps fewer than two training samples
     */
    public Split splitByTime(double tSplit) {
        List<Trajectory> train = new ArrayList<>();
        List<Trajectory> val = new ArrayList<>();
        for (Trajectory t : trajectories) {
            int cut = 0;
            while (cut < t.length() && t.time(cut) <= tSplit) {
                cut++;
            }
            if (cut < 2) {
                throw new DataException("trajectory '" + t.id() + "' has " + cut + " sample(s) at or before t = " + tSplit
                        + "; training needs at least two: choose a later split time");
            }
            train.add(t.slice(0, cut));
            if (cut < t.length()) {
                val.add(t.slice(cut - 1, t.length()));
            }
        }
        if (val.isEmpty()) {
            throw new DataException("no samples after t = " + tSplit + " to validate on: choose an earlier split time");
        }
        return new Split(with(train), with(val));
    }

    /**
     * Splits each trajectory by time so that the last {@code validationFraction} of its time span is
     * held out (with the last training sample as the validation's initial state).
     */
    public Split splitByTimeFraction(double validationFraction) {
        if (!(validationFraction > 0 && validationFraction < 1)) {
            throw new DataException("validation fraction " + validationFraction + " must lie strictly between 0 and 1");
        }
        List<Trajectory> train = new ArrayList<>();
        List<Trajectory> val = new ArrayList<>();
        for (Trajectory t : trajectories) {
            double t0 = t.time(0);
            double t1 = t.time(t.length() - 1);
            Split s = with(List.of(t)).splitByTime(t0 + (1 - validationFraction) * (t1 - t0));
            train.addAll(s.train().trajectories());
            val.addAll(s.validation().trajectories());
        }
        return new Split(with(train), with(val));
    }
}
