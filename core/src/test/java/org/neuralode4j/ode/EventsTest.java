package org.neuralode4j.ode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.neuralode4j.tensor.Tensor;

/** Event detection, location on the dense output, terminal events and state jumps. */
class EventsTest {
    private static final double G = 9.8;
    private static final ArrayVectorField BALL = (t, z, dz) -> {
        dz[0] = z[1];
        dz[1] = -G;
    };

    /** REFERENCE.md: impact k at √2 (1 + 2 Σ_{j=1}^{k-1} 0.8^j). */
    private static double impact(int k) {
        double sum = 0;
        for (int j = 1; j < k; j++) {
            sum += Math.pow(0.8, j);
        }
        return Math.sqrt(2) * (1 + 2 * sum);
    }

    private static Event bounce() {
        return Event.of((t, z) -> z.get(0) - 0.2).withDirection(Event.Direction.FALLING)
                .withHandler((t, z) -> EventAction.resetState(Tensor.of(z.get(0), -0.8 * z.get(1))));
    }

    @Test
    void bouncingBallImpactTimesMatchTheReference() {
        SolveOptions o = SolveOptions.builder().rtol(1e-12).atol(1e-12).events(bounce()).build();
        Solution s = OdeSolver.solve(BALL, Tensor.of(10, 0), new double[] {0, 11.5}, o);
        List<EventRecord> events = s.events();
        assertThat(events).hasSize(10);
        assertThat(events.get(0).time()).isCloseTo(1.4142136, within(1e-7));
        assertThat(events.get(9).time()).isCloseTo(11.209422, within(1e-6));
        for (int k = 1; k <= 10; k++) {
            EventRecord e = events.get(k - 1);
            assertThat(e.time()).as("impact %d", k).isCloseTo(impact(k), within(1e-8));
            assertThat(e.eventIndex()).isZero();
            assertThat(e.terminal()).isFalse();
            assertThat(e.state().get(0)).isCloseTo(0.2, within(1e-9));
            assertThat(e.stateAfter().get(1)).isCloseTo(-0.8 * e.state().get(1), within(1e-12));
        }
        assertThat(s.terminatedByEvent()).isFalse();
        assertThat(s.times()).containsExactly(0, 11.5);
    }

    @Test
    void aJumpContinuesFromTheNewState() {
        // y' = -y; whenever y falls to 0.5 it jumps up by 1: y = 1.5 e^{-(t - t_k)} after jump k at
        // t_1 = ln 2, t_k = t_1 + (k - 1) ln 3
        Event refill = Event.of((t, z) -> z.item() - 0.5).withDirection(Event.Direction.FALLING)
                .withHandler((t, z) -> EventAction.resetState(z.add(1)));
        double t1 = Math.log(2);
        double t2 = t1 + Math.log(3);
        double t3 = t2 + Math.log(3);
        double[] times = {0, 0.5, 1.0, 2.0, 3.0};
        SolveOptions o = SolveOptions.builder().rtol(1e-11).atol(1e-12).dense(true).events(refill).build();
        Solution s = OdeSolver.solve((t, z) -> z.neg(), Tensor.of(1.0), times, o);
        assertThat(s.events().stream().mapToDouble(EventRecord::time).toArray())
                .containsExactly(new double[] {t1, t2, t3}, within(1e-10));
        double[] y = s.states().toArray();
        assertThat(y[1]).isCloseTo(Math.exp(-0.5), within(1e-10));
        assertThat(y[2]).isCloseTo(1.5 * Math.exp(-(1.0 - t1)), within(1e-10));
        assertThat(y[3]).isCloseTo(1.5 * Math.exp(-(2.0 - t2)), within(1e-10));
        assertThat(y[4]).isCloseTo(1.5 * Math.exp(-(3.0 - t3)), within(1e-10));
        DenseSolution d = s.dense();
        assertThat(d.at(2.5).item()).isCloseTo(1.5 * Math.exp(-(2.5 - t2)), within(1e-9));
        assertThat(d.at(0.6).item()).isCloseTo(Math.exp(-0.6), within(1e-9));
    }

    @Test
    void aTerminalEventEndsTheSolve() {
        Event low = Event.of((t, z) -> z.item() - 0.3).withTerminal(true);
        Solution s = OdeSolver.solve((t, z) -> z.neg(), Tensor.of(1.0), new double[] {0, 0.5, 1, 2, 3},
                SolveOptions.builder().rtol(1e-10).atol(1e-12).events(low).build());
        double te = Math.log(1 / 0.3);
        assertThat(s.terminatedByEvent()).isTrue();
        assertThat(s.times()).containsExactly(0, 0.5, 1);
        assertThat(s.states().shape()).containsExactly(3, 1);
        assertThat(s.events()).hasSize(1);
        EventRecord e = s.events().get(0);
        assertThat(e.terminal()).isTrue();
        assertThat(e.time()).isCloseTo(te, within(1e-10));
        assertThat(e.state().item()).isCloseTo(0.3, within(1e-10));
    }

    @Test
    void directionsSelectTheCrossings() {
        VectorField rotation = (t, z) -> z.matmul(Tensor.of(new double[][] {{0, -1}, {1, 0}}));
        Tensor z0 = Tensor.of(new double[][] {{1, 0}}); // x = cos t
        EventFunction x = (t, z) -> z.get(0, 0);
        SolveOptions o = SolveOptions.builder().rtol(1e-10).atol(1e-10)
                .events(Event.of(x).withDirection(Event.Direction.RISING),
                        Event.of(x).withDirection(Event.Direction.FALLING),
                        Event.of(x))
                .build();
        Solution s = OdeSolver.solve(rotation, z0, new double[] {0, 10}, o);
        double[] rising = s.events().stream().filter(e -> e.eventIndex() == 0).mapToDouble(EventRecord::time).toArray();
        double[] falling = s.events().stream().filter(e -> e.eventIndex() == 1).mapToDouble(EventRecord::time).toArray();
        double[] both = s.events().stream().filter(e -> e.eventIndex() == 2).mapToDouble(EventRecord::time).toArray();
        assertThat(rising).containsExactly(new double[] {1.5 * Math.PI}, within(1e-9));
        assertThat(falling).containsExactly(new double[] {0.5 * Math.PI, 2.5 * Math.PI}, within(1e-9));
        assertThat(both).containsExactly(new double[] {0.5 * Math.PI, 1.5 * Math.PI, 2.5 * Math.PI}, within(1e-9));
        double previous = 0;
        for (EventRecord e : s.events()) {
            assertThat(e.time()).isGreaterThanOrEqualTo(previous);
            previous = e.time();
        }
    }

    @Test
    void severalEventsInOneStepAreReportedInTimeOrder() {
        // long steps at a loose tolerance: both levels are crossed inside the same step
        SolveOptions o = SolveOptions.builder().rtol(1e-3).atol(1e-3)
                .events(Event.of((t, z) -> z.item() - 0.4), Event.of((t, z) -> z.item() - 0.5)).build();
        Solution s = OdeSolver.solve((t, z) -> z.neg(), Tensor.of(1.0), new double[] {0, 2}, o);
        assertThat(s.stats().acceptedSteps()).isLessThan(10);
        assertThat(s.events()).extracting(EventRecord::eventIndex).containsExactly(1, 0);
        assertThat(s.events().get(0).time()).isCloseTo(Math.log(2), within(1e-3));
        assertThat(s.events().get(1).time()).isCloseTo(Math.log(2.5), within(1e-3));
    }

    @Test
    void aHandlerMayStopTheSolve() {
        int[] seen = new int[1];
        Event x = Event.of((t, z) -> z.get(0, 0)).withHandler((t, z) -> ++seen[0] == 2 ? EventAction.stop()
                : EventAction.proceed());
        Solution s = OdeSolver.solve((t, z) -> z.matmul(Tensor.of(new double[][] {{0, -1}, {1, 0}})),
                Tensor.of(new double[][] {{1, 0}}), new double[] {0, 10},
                SolveOptions.builder().rtol(1e-10).atol(1e-10).events(x).build());
        assertThat(seen[0]).isEqualTo(2);
        assertThat(s.terminatedByEvent()).isTrue();
        assertThat(s.events()).hasSize(2);
        assertThat(s.events().get(1).time()).isCloseTo(1.5 * Math.PI, within(1e-9));
        assertThat(s.times()).containsExactly(0);
    }

    @Test
    void eventsInReverseTimeAndWithFixedSteps() {
        Event level = Event.of((t, z) -> z.item() - Math.exp(-1));
        Solution back = OdeSolver.solve((t, z) -> z.neg(), Tensor.of(Math.exp(-2)), new double[] {2, 0},
                SolveOptions.builder().rtol(1e-10).atol(1e-12).events(level).build());
        assertThat(back.events()).singleElement().satisfies(e -> assertThat(e.time()).isCloseTo(1, within(1e-9)));
        Solution fixed = OdeSolver.solve((t, z) -> z.neg(), Tensor.of(1.0), new double[] {0, 2},
                SolveOptions.builder().method("rk4").stepSize(0.01).events(level).build());
        assertThat(fixed.events()).singleElement().satisfies(e -> assertThat(e.time()).isCloseTo(1, within(1e-8)));
    }

    @Test
    void theEventToleranceBoundsTheLocation() {
        Event level = Event.of((t, z) -> z.item() - Math.exp(-1));
        double coarse = OdeSolver.solve((t, z) -> z.neg(), Tensor.of(1.0), new double[] {0, 2},
                SolveOptions.builder().rtol(1e-12).atol(1e-12).eventTolerance(1e-3).events(level).build())
                .events().get(0).time();
        assertThat(coarse).isCloseTo(1, within(1e-3)).isGreaterThanOrEqualTo(1 - 1e-12);
    }
}
