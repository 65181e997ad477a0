package org.neuralode4j.cli;

import static org.assertj.core.api.Assertions.assertThat;


import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BenchCommandTest {

    @Test
    void spiralPrintsOneJsonLineWithThePeerKeys() {
        CliRun r = CliRun.of("bench", "spiral", "--iterations", "3", "--gradient", "adjoint", "--seed", "1",
                "--progress-every", "1");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().lines()).hasSize(1);
        String json = r.out().strip();
        assertThat(json).startsWith("{\"impl\": \"neuralode4j\", \"dtype\": \"float64\", \"gradient\": \"adjoint\", "
                + "\"threads\": 1, \"niters\": 3, \"s_per_iter\": ")
                .contains("\"nfe_forward\": ", "\"nfe_backward\": ", "\"full_trajectory_l1\": ").endsWith("}");
        assertThat(r.err()).contains("iteration 1/3  loss ", "iteration 3/3");
    }

    @Test
    void aWarmUpDoesNotChangeTheTimedRunsResults() {
        CliRun cold = CliRun.of("bench", "spiral", "--iterations", "4", "--gradient", "direct", "--seed", "2");
        CliRun warm = CliRun.of("bench", "spiral", "--iterations", "4", "--gradient", "direct", "--seed", "2",
                "--warmup", "3");
        assertThat(warm.code()).as(warm.err()).isZero();
        assertThat(warm.out().lines()).hasSize(1);
        assertThat(field(warm.out(), "full_trajectory_l1")).isEqualTo(field(cold.out(), "full_trajectory_l1"));
        assertThat(field(warm.out(), "nfe_forward")).isEqualTo(field(cold.out(), "nfe_forward"));
        assertThat(field(warm.out(), "niters")).isEqualTo("4");
        CliRun bad = CliRun.of("bench", "spiral", "--warmup", "-1", "--iterations", "1");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("--warmup -1 must be 0 (none) or positive");
    }

    /** The value of a key of the one-line JSON, as printed. */
    private static String field(String json, String key) {
        int at = json.indexOf("\"" + key + "\": ") + key.length() + 4;
        int end = json.indexOf(json.indexOf(',', at) >= 0 ? "," : "}", at);
        return json.substring(at, end < 0 ? json.indexOf('}', at) : end).strip();
    }

    @Test
    void badOptionsAreUsageErrors() {
        CliRun g = CliRun.of("bench", "spiral", "--gradient", "backprop");
        assertThat(g.code()).isEqualTo(2);
        assertThat(g.err()).contains("unknown gradient method 'backprop'; use direct, adjoint, checkpointed or recursive");
        CliRun t = CliRun.of("bench", "spiral", "--threads", "0", "--iterations", "1");
        assertThat(t.code()).isEqualTo(2);
        assertThat(t.err()).contains("--threads 0 must be at least 1");
        CliRun i = CliRun.of("bench", "spiral", "--iterations", "0");
        assertThat(i.code()).isEqualTo(2);
        assertThat(i.err()).contains("--iterations 0 must be at least 1");
    }

    @Test
    void benchAloneListsTheBenchmarks() {
        CliRun r = CliRun.of("bench");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("spiral").contains("Missing benchmark");
        assertThat(CliRun.of("--help").out()).contains("bench");
    }
}
