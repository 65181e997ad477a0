package org.neuralode4j.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.neuralode4j.data.Trajectory;
import org.neuralode4j.sensitivity.Gradient;

class SpiralBenchmarkTest {

    /** The flat JSON object's keys and raw values, in order. */
    static Map<String, String> parse(String json) {
        assertThat(json).startsWith("{").endsWith("}").doesNotContain("\n");
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = Pattern.compile("\"([a-z_0-9]+)\": (\"[^\"]*\"|[-+0-9.eE]+)").matcher(json);
        while (m.find()) {
            out.put(m.group(1), m.group(2));
        }
        return out;
    }

    @Test
    void theTrueTrajectoryFollowsTheRecipe() {
        Trajectory t = SpiralBenchmark.trueTrajectory();
        assertThat(t.length()).isEqualTo(1000);
        assertThat(t.time(999)).isEqualTo(25.0);
        assertThat(t.state(0)).containsExactly(2, 0);
        // the cubic spiral decays slowly: the radius stays below y0's and well above zero
        double r = Math.hypot(t.state(999, 0), t.state(999, 1));
        assertThat(r).isBetween(0.3, 2.0);
    }

    @ParameterizedTest
    @EnumSource(Gradient.class)
    void twentyIterationsPrintThePeerKeysAndLowerTheLoss(Gradient gradient) {
        List<Double> losses = new ArrayList<>();
        SpiralBenchmark.Result r = SpiralBenchmark.run(20, gradient, 0, new TrainingListener() {
            @Override
            public void onIteration(IterationEvent e) {
                losses.add(e.loss());
            }
        });
        Map<String, String> json = parse(r.toJson());
        assertThat(json.keySet()).containsExactly("impl", "dtype", "gradient", "threads", "niters", "s_per_iter",
                "nfe_forward", "nfe_backward", "full_trajectory_l1", "kernel");
        assertThat(json.get("kernel")).isEqualTo("\"" + org.neuralode4j.tensor.NarrowMlp.kernelName() + "\"");
        assertThat(json).containsEntry("impl", "\"neuralode4j\"").containsEntry("dtype", "\"float64\"")
                .containsEntry("gradient", "\"" + gradient.shortName() + "\"").containsEntry("threads", "1")
                .containsEntry("niters", "20");
        for (String k : List.of("s_per_iter", "nfe_forward", "nfe_backward", "full_trajectory_l1")) {
            assertThat(Double.parseDouble(json.get(k))).as(k).isFinite().isNotNegative();
        }
        assertThat(r.nfeForward()).isGreaterThan(10);
        if (gradient == Gradient.DIRECT) {
            assertThat(r.nfeBackward()).isZero();
        } else {
            assertThat(r.nfeBackward()).isGreaterThan(10);
        }
        assertThat(losses).hasSize(20);
        assertThat(r.fullTrajectoryL1()).isLessThan(r.initialFullTrajectoryL1());
        double first = (losses.get(0) + losses.get(1) + losses.get(2)) / 3;
        double last = (losses.get(17) + losses.get(18) + losses.get(19)) / 3;
        assertThat(last).isLessThan(first);
    }

    @Test
    void theGradientMethodsTrainAlike() {
        SpiralBenchmark.Result direct = SpiralBenchmark.run(10, Gradient.DIRECT, 5, null);
        SpiralBenchmark.Result adjoint = SpiralBenchmark.run(10, Gradient.ADJOINT, 5, null);
        assertThat(adjoint.initialFullTrajectoryL1()).isEqualTo(direct.initialFullTrajectoryL1());
        assertThat(adjoint.fullTrajectoryL1()).isCloseTo(direct.fullTrajectoryL1(),
                org.assertj.core.api.Assertions.within(1e-4));
    }
}
