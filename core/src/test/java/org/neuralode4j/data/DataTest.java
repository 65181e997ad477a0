package org.neuralode4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.neuralode4j.tensor.Tensor;

class DataTest {

    private static Trajectory line(String id, double[] times) {
        double[][] s = new double[times.length][];
        for (int i = 0; i < times.length; i++) {
            s[i] = new double[] {times[i], 2 * times[i] + 1};
        }
        return new Trajectory(id, times, s, null);
    }

    private static double[] grid(double t0, double dt, int n) {
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = t0 + i * dt;
        }
        return t;
    }

    @Test
    void badTrajectoriesNameTheTrajectoryAndIndex() {
        assertThatThrownBy(() -> line("a", new double[] {0})).isInstanceOf(DataException.class)
                .hasMessageContaining("'a'").hasMessageContaining("at least two");
        assertThatThrownBy(() -> line("b", new double[] {0, 1, 1})).hasMessageContaining("'b', index 2")
                .hasMessageContaining("repeats");
        assertThatThrownBy(() -> line("c", new double[] {0, 2, 1})).hasMessageContaining("'c', index 2")
                .hasMessageContaining("strictly increasing");
        assertThatThrownBy(() -> new Trajectory("d", new double[] {0, 1}, new double[][] {{1}, {Double.NaN}}, null))
                .hasMessageContaining("'d', index 1, state 0").hasMessageContaining("NaN");
        assertThatThrownBy(() -> new Trajectory("e", new double[] {0, Double.POSITIVE_INFINITY},
                new double[][] {{1}, {2}}, null)).hasMessageContaining("'e', index 1");
        assertThatThrownBy(() -> new Trajectory("f", new double[] {0, 1}, new double[][] {{1, 2}, {2}}, null))
                .hasMessageContaining("'f', index 1");
        assertThatThrownBy(() -> new TimeSeriesDataset(List.of(), List.of(), List.of()))
                .hasMessageContaining("no trajectories");
        Trajectory oneDim = new Trajectory("g", new double[] {0, 1}, new double[][] {{1}, {2}}, null);
        assertThatThrownBy(() -> new TimeSeriesDataset(List.of(line("h", grid(0, 1, 3)), oneDim), List.of("x", "y"),
                List.of())).hasMessageContaining("'g'").hasMessageContaining("'h'");
    }

    @Test
    void splitsByTrajectoryAndByTime() {
        TimeSeriesDataset ds = new TimeSeriesDataset(List.of(line("a", grid(0, 1, 10)), line("b", grid(0, 0.5, 9)),
                line("c", grid(0, 2, 4)), line("d", grid(1, 1, 5))), List.of("x", "y"), List.of());
        TimeSeriesDataset.Split s = ds.splitByTrajectory(0.25, new SplittableRandom(1));
        assertThat(s.train().size()).isEqualTo(3);
        assertThat(s.validation().size()).isEqualTo(1);
        Set<String> ids = new HashSet<>();
        s.train().trajectories().forEach(t -> ids.add(t.id()));
        s.validation().trajectories().forEach(t -> ids.add(t.id()));
        assertThat(ids).containsExactlyInAnyOrder("a", "b", "c", "d");

        TimeSeriesDataset.Split byTime = ds.splitByTime(3.0);
        Trajectory trainA = byTime.train().trajectory(0);
        assertThat(trainA.times()).containsExactly(0, 1, 2, 3);
        Trajectory valA = byTime.validation().trajectory(0);
        assertThat(valA.time(0)).isEqualTo(3.0);
        assertThat(valA.time(valA.length() - 1)).isEqualTo(9.0);
        assertThat(byTime.validation().size()).isEqualTo(4);
        assertThatThrownBy(() -> ds.splitByTime(0.5)).hasMessageContaining("'a'").hasMessageContaining("later split");
        assertThatThrownBy(() -> ds.splitByTime(100)).hasMessageContaining("earlier split");
        TimeSeriesDataset.Split frac = ds.splitByTimeFraction(0.2);
        assertThat(frac.train().trajectory(0).time(frac.train().trajectory(0).length() - 1)).isEqualTo(7.0);
    }

    @Test
    void standardizationRoundTripsThroughMetadata() {
        TimeSeriesDataset ds = TimeSeriesDataset.of(line("a", grid(0, 1, 5)));
        Standardization st = Standardization.fit(ds);
        assertThat(st.stateMean()).containsExactly(2.0, 5.0);
        assertThat(st.stateStd()[0]).isCloseTo(Math.sqrt(2), within(1e-15));
        TimeSeriesDataset z = st.apply(ds);
        Standardization again = Standardization.fit(z);
        assertThat(again.stateMean()[1]).isCloseTo(0, within(1e-15));
        assertThat(again.stateStd()[1]).isCloseTo(1, within(1e-15));
        Standardization back = Standardization.fromMetadata(st.toMetadata());
        assertThat(back.stateMean()).containsExactly(st.stateMean());
        assertThat(back.stateStd()).containsExactly(st.stateStd());
        assertThat(back.restoreState(back.standardizeState(new double[] {0.3, -7}))[1]).isCloseTo(-7, within(1e-14));
        Trajectory constant = new Trajectory("k", new double[] {0, 1}, new double[][] {{3}, {3}}, null);
        assertThat(Standardization.fit(TimeSeriesDataset.of(constant)).stateStd()).containsExactly(1.0);
    }

    @Test
    void aNearlyConstantColumnKeepsItsSpreadsScale() {
        // ±500 around 1e15: below 1e-12 of the mean, so "constant", but standardizing with std 1 would
        // leave values of ±500
        Trajectory t = new Trajectory("c", new double[] {0, 1, 2}, new double[][] {{1e15 + 500}, {1e15 - 500}, {1e15}},
                null);
        Standardization st = Standardization.fit(TimeSeriesDataset.of(t));
        assertThat(st.stateStd()[0]).isCloseTo(Math.sqrt(2.0 / 3) * 500, within(1e-3));
        assertThat(Math.abs(st.standardizeState(new double[] {1e15 + 500})[0])).isLessThan(2);
    }

    @Test
    void standardizationNamesAColumnTooLargeToStandardize() {
        Trajectory huge = new Trajectory("h", new double[] {0, 1, 2}, new double[][] {{1, 1e200}, {2, -1e200}, {3, 1e200}},
                null);
        TimeSeriesDataset ds = new TimeSeriesDataset(java.util.List.of(huge), java.util.List.of("iL", "vC"),
                java.util.List.of());
        assertThatThrownBy(() -> Standardization.fit(ds)).isInstanceOf(DataException.class)
                .hasMessageStartingWith("state column 'vC': values too large to standardize")
                .hasMessageContaining("rescale the column");
    }

    @Test
    void windowSamplerDrawsDistinctWindowsOfTheRightShape() {
        TimeSeriesDataset ds = TimeSeriesDataset.of(line("spiral", grid(0, 25.0 / 999, 1000)));
        WindowSampler sampler = new WindowSampler(ds, 20, 10);
        assertThat(sampler.windowCount()).isEqualTo(991);
        Batch b = sampler.next(new SplittableRandom(3));
        assertThat(b.size()).isEqualTo(20);
        assertThat(b.z0().shape()).containsExactly(20, 2);
        Tensor targets = b.targets();
        assertThat(targets.shape()).containsExactly(10, 20, 2);
        assertThat(targets.select(0, 0).allClose(b.z0(), 0)).isTrue();
        double[] rel = b.sharedRelativeTimes();
        assertThat(rel).hasSize(10);
        assertThat(rel[9]).isCloseTo(9 * 25.0 / 999, within(1e-12));
        Set<Double> starts = new HashSet<>();
        for (double[] t : b.times()) {
            starts.add(t[0]);
        }
        assertThat(starts).hasSize(20);
        Batch again = sampler.next(new SplittableRandom(3));
        assertThat(again.z0().allClose(b.z0(), 0)).isTrue();
        assertThatThrownBy(() -> new WindowSampler(ds, 2000, 10)).hasMessageContaining("batch size");
    }

    @Test
    void irregularWindowsHaveNoSharedTimes() {
        TimeSeriesDataset ds = new TimeSeriesDataset(List.of(line("a", new double[] {0, 0.1, 0.5, 0.6}),
                line("b", new double[] {0, 0.3, 0.4})), List.of("x", "y"), List.of());
        Batch whole = WindowSampler.wholeTrajectories(ds);
        assertThat(whole.sharedRelativeTimes()).isNull();
        assertThat(whole.target(1).shape()).containsExactly(3, 2);
        assertThatThrownBy(whole::targets).hasMessageContaining("window 1");
    }

    @Test
    void slicesHoldTheParentsSamplesAndCheckTheirRange() {
        Trajectory t = line("ramp", grid(0, 0.5, 8));
        Trajectory s = t.slice(2, 6);
        assertThat(s.id()).isEqualTo("ramp");
        assertThat(s.times()).containsExactly(1.0, 1.5, 2.0, 2.5);
        for (int i = 0; i < 4; i++) {
            assertThat(s.state(i)).containsExactly(t.state(i + 2));
        }
        double[] row = s.state(1);
        row[0] = 99;
        assertThat(t.state(3)[0]).isEqualTo(1.5);
        assertThat(s.state(1)[0]).isEqualTo(1.5);
        for (int[] bad : new int[][] {{-1, 3}, {6, 9}, {3, 4}, {5, 2}}) {
            assertThatThrownBy(() -> t.slice(bad[0], bad[1])).isInstanceOf(DataException.class)
                    .hasMessageContaining("'ramp'").hasMessageContaining("at least two samples");
        }
    }

    @Test
    void aBatchsWindowsNeedTheSameColumns() {
        Trajectory two = line("two", grid(0, 1, 3));
        Trajectory three = new Trajectory("three", grid(0, 1, 3), new double[][] {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}}, null);
        assertThatThrownBy(() -> new Batch(List.of(two, three))).isInstanceOf(DataException.class)
                .hasMessageContaining("window 1 ('three') has 3 states").hasMessageContaining("the same columns");
        Batch ok = new Batch(List.of(two, two.slice(1, 3)));
        assertThat(ok.z0().toArray()).containsExactly(0, 1, 1, 3);
    }
}
