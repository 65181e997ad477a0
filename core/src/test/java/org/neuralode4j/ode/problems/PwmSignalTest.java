package org.neuralode4j.ode.problems;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PwmSignalTest {

    @Test
    void onForTheDutyFractionOfEachPeriod() {
        PwmSignal q = new PwmSignal(100e3, 0.25);
        assertThat(q.value(0)).isEqualTo(1);
        assertThat(q.value(2e-6)).isEqualTo(1);
        assertThat(q.value(3e-6)).isEqualTo(0);
        assertThat(q.value(9.9e-6)).isEqualTo(0);
        assertThat(q.value(10.1e-6)).isEqualTo(1);
        assertThat(q.value(-8e-6)).isEqualTo(1); // periodic in absolute time: -10 µs + 2 µs
        assertThat(q.value(-7e-6)).isEqualTo(0); // -10 µs + 3 µs
    }

    @Test
    void switchingTimesAreExactlyWhereTheValueChanges() {
        PwmSignal q = new PwmSignal(100e3, 0.3);
        double[] edges = q.switchingTimes(0, 1e-4);
        assertThat(edges).hasSize(19); // 9 interior rising edges, 10 falling edges
        for (int i = 0; i < edges.length; i++) {
            double t = edges[i];
            if (i > 0) {
                assertThat(t).isGreaterThan(edges[i - 1]);
            }
            // seen from the left the old value, at the edge the new one (what jump times need)
            assertThat(q.value(Math.nextDown(t))).as("edge %d", i).isNotEqualTo(q.value(t));
            assertThat(q.value(Math.nextUp(t))).isEqualTo(q.value(t));
        }
        assertThat(edges[0]).isEqualTo(0.3 * 1e-5);
    }

    @Test
    void constantSignalsHaveNoEdgesAndBadArgumentsAreRefused() {
        assertThat(new PwmSignal(1e3, 0).switchingTimes(0, 1)).isEmpty();
        assertThat(new PwmSignal(1e3, 1).value(0.3)).isEqualTo(1);
        assertThat(new PwmSignal(1e3, 0).value(0.3)).isEqualTo(0);
        assertThatThrownBy(() -> new PwmSignal(0, 0.5)).hasMessageContaining("positive");
        assertThatThrownBy(() -> new PwmSignal(1e3, 1.1)).hasMessageContaining("[0, 1]");
        assertThatThrownBy(() -> new PwmSignal(1e9, 0.5).switchingTimes(0, 1)).hasMessageContaining("shorter span");
    }
}
