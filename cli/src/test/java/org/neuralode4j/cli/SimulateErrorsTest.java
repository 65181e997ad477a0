package org.neuralode4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every mistake ends as one line on stderr with exit code 2 (usage) or 1 (failure), and no file. */
class SimulateErrorsTest {
    @TempDir
    Path dir;

    private static void assertUsage(CliRun r, String message) {
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.errLines()).hasSize(2);
        assertThat(r.errLines()[0]).startsWith("neuralode: ").contains(message);
        assertThat(r.errLines()[1]).isEqualTo("Try 'neuralode simulate --help' for the options and an example.");
        assertThat(r.out()).isEmpty();
    }

    private static void assertFailure(CliRun r, String message) {
        assertThat(r.code()).as(r.err()).isEqualTo(1);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.errLines()[0]).startsWith("neuralode: ").contains(message);
        assertThat(r.out()).isEmpty();
    }

    private long filesIn(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.count();
        }
    }

    @Test
    void unknownSystemListsTheValidNames() {
        assertUsage(CliRun.of("simulate", "lorentz"), "unknown system 'lorentz'; valid names: exp-decay, lotka-volterra");
        assertUsage(CliRun.of("simulate"), "name the SYSTEM to simulate, one of: exp-decay");
    }

    @Test
    void badParameters() {
        assertUsage(CliRun.of("simulate", "buck", "--param", "d"), "--param 'd': expected NAME=VALUE, e.g. --param d=0.5");
        assertUsage(CliRun.of("simulate", "buck", "--param", "Rload=3"),
                "unknown parameter 'Rload' for buck; its parameters: Vin, d, L, C, R");
        assertUsage(CliRun.of("simulate", "buck", "--param", "d=abc"), "--param d: 'abc' is not a number");
        assertUsage(CliRun.of("simulate", "buck", "--param", "d=1.5"), "duty cycle must be in [0, 1]");
        assertUsage(CliRun.of("simulate", "buck", "--param", "d=0.2", "--param", "d=0.3"), "given twice");
    }

    @Test
    void wrongLengthsAndConflictingOptions() {
        assertUsage(CliRun.of("simulate", "lorenz", "--y0", "1,2"), "--y0 has 2 values but the system has 3 states (x, y, z)");
        assertUsage(CliRun.of("simulate", "lorenz", "--noise", "0.1,0.2"), "--noise has 2 values");
        assertUsage(CliRun.of("simulate", "lorenz", "--times", "0:1:5", "--t1", "3"), "drop --t0/--t1");
        assertUsage(CliRun.of("simulate", "lorenz", "--times", "0:1:5", "--irregular", "9"), "--irregular draws its own");
        assertUsage(CliRun.of("simulate", "lorenz", "--t0", "2", "--t1", "1"), "--t1 must be greater than --t0");
        assertUsage(CliRun.of("simulate", "lorenz", "--times", "0:1"), "expected T0:T1:N");
        assertUsage(CliRun.of("simulate", "lorenz", "--method", "rk4"), "fixed-step method");
        assertUsage(CliRun.of("simulate", "lorenz", "--method", "nope"), "unknown method 'nope'");
        assertUsage(CliRun.of("simulate", "lorenz", "--rtol", "fast"), "'fast' is not a double");
        assertUsage(CliRun.of("simulate", "lorenz", "--trajectories", "0"), "--trajectories 0: give at least 1");
    }

    @Test
    void solverFailureIsOneLineWithAHintAndLeavesNoFile() throws IOException {
        Path out = dir.resolve("vdp.csv");
        CliRun r = CliRun.of("simulate", "van-der-pol", "--param", "mu=1000", "--t1", "2000", "--max-steps", "2000",
                "--out", out.toString());
        assertFailure(r, "solver failed at t = ");
        assertThat(r.err()).contains("reached --max-steps 2000").contains("stiff").doesNotContain("Exception");
        assertThat(filesIn(dir)).isZero();

        CliRun verbose = CliRun.of("simulate", "van-der-pol", "--param", "mu=1000", "--t1", "2000", "--max-steps", "2000",
                "--out", out.toString(), "--verbose");
        assertThat(verbose.code()).isEqualTo(1);
        assertThat(verbose.err()).contains("TooManyStepsException").contains("\tat org.neuralode4j");
        assertThat(filesIn(dir)).isZero();
    }

    @Test
    void severalTrajectoriesNameTheOneThatFailed() {
        CliRun r = CliRun.of("simulate", "exp-decay", "--trajectories", "2", "--param", "k=1e6", "--max-steps", "50");
        assertFailure(r, "(trajectory 0 of 2): reached --max-steps 50");
    }

    @Test
    void unwritableOutputFailsWithoutLeavingAFile() throws IOException {
        CliRun missing = CliRun.of("simulate", "harmonic", "--out", dir.resolve("no/such/dir/h.csv").toString());
        assertFailure(missing, "no such file or directory");

        Path taken = Files.createDirectory(dir.resolve("taken"));
        Files.writeString(taken.resolve("keep.txt"), "x");
        assertFailure(CliRun.of("simulate", "harmonic", "--out", taken.toString()), taken + ": is a directory; give a "
                + "file name, e.g. --out " + taken.resolve("simulation.csv"));
        assertThat(filesIn(dir)).isEqualTo(1); // only "taken": no temporary file left beside it
        assertThat(filesIn(taken)).isEqualTo(1);
    }

    @Test
    void badTimesFileIsAFailureWithTheLine() throws IOException {
        Path times = dir.resolve("t.txt");
        Files.writeString(times, "0\n1\n1\n");
        assertFailure(CliRun.of("simulate", "harmonic", "--times-file", times.toString()),
                times + ":3: time 1 does not follow 1.0");
        assertFailure(CliRun.of("simulate", "harmonic", "--times-file", dir.resolve("none.txt").toString()),
                "none.txt: no such file or directory");
    }
}
