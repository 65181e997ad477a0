package org.neuralode4j.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.neuralode4j.autodiff.Autodiff;
import org.neuralode4j.nn.ModuleField;
import org.neuralode4j.nn.SpiralOdeFunc;
import org.neuralode4j.ode.OdeSolver;
import org.neuralode4j.ode.SolveOptions;
import org.neuralode4j.tensor.Tensor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One dopri5 step of the spiral model (batch 20) as a whole solve over [0, h] with step h: seven
 * evaluations (f(t0) and six stages; the seventh stage is the next step's first), the stage
 * combinations and the solver's bookkeeping. {@code step}: without a tape; {@code stepAndBackward}:
 * recorded (DIRECT) and backpropagated to z0 and the parameters.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class Dopri5StepBenchmark {
    private SpiralOdeFunc model;
    private ModuleField field;
    private Tensor z0;
    private SolveOptions oneStep;
    private final double[] times = {0.0, 0.05};

    @Setup
    public void setup() {
        SplittableRandom rng = new SplittableRandom(0);
        model = new SpiralOdeFunc(rng);
        field = new ModuleField(model);
        z0 = Tensor.randn(rng, 20, 2);
        oneStep = SolveOptions.builder().method("dopri5").stepSize(0.05).build();
    }

    @Benchmark
    public Tensor step() {
        return Autodiff.noGrad(() -> OdeSolver.solve(field, z0, times, oneStep).states());
    }

    @Benchmark
    public Tensor stepAndBackward() {
        model.zeroGrad();
        Tensor z = z0.detach().requiresGrad(true);
        OdeSolver.solve(field, z, times, oneStep).states().sum().backward();
        return z.grad();
    }
}
