package org.neuralode4j.bench;

import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Function;
import org.neuralode4j.nn.Losses;
import org.neuralode4j.nn.ModuleField;
import org.neuralode4j.nn.SpiralOdeFunc;
import org.neuralode4j.ode.SolveOptions;
import org.neuralode4j.ode.VectorField;
import org.neuralode4j.sensitivity.AdjointOptions;
import org.neuralode4j.sensitivity.Gradient;
import org.neuralode4j.sensitivity.GradientSolution;
import org.neuralode4j.sensitivity.Odeint;
import org.neuralode4j.tensor.Tensor;
import org.neuralode4j.train.SpiralBenchmark;

/**
 * Backward evaluations and gradient error of the adjoint passes with an FSAL fifth-order pair
 * (dopri5, seven stages) against a six-stage one that is not FSAL (Cash–Karp), from sparse to dense
 * output times: the evidence behind the automatic backward method of
 * {@link org.neuralode4j.sensitivity.AdjointOptions}.
 *
 * <p>The field is the spiral model (REFERENCE.md) after 200 training iterations of the recipe, a
 * batch of 20 states from the true spiral, dopri5 forward; the loss is the L1 distance of all
 * outputs to fixed random targets. The error is the relative 2-norm error of the parameter gradient
 * against DIRECT at rtol 1e-13; DIRECT's own error at the row's tolerance is printed beside it.
 *
 * <p>A second table takes three small problems with one parameter p (Lotka–Volterra, Van der Pol
 * with μ = p = 5, a damped linear system) through the same comparison, dL/dp against DIRECT at
 * rtol 1e-13.
 *
 * <p>Measured (2026-11-29, 36 cases, each gradient method with both pairs): Cash–Karp took 3–33%
 * fewer backward evaluations in every case, with only two outputs too (its steps on the adjoint
 * system are longer); its gradient error was a median 1.005 times dopri5's, within 1.5 times in 28
 * cases, below it in 13, more than twice it in 6, at most 5.3 times (a 13-step checkpointed solve at
 * rtol 1e-8: 1.1e-8 against 2.2e-9, DIRECT 5.4e-9). The second table (12 cases): 2–26% fewer in
 * every case, errors 0.74–2.1 times dopri5's; on the damped system ADJOINT diverges with both
 * pairs, as expected.
 *
 * <p>Run: {@code java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar
 * org.neuralode4j.bench.BackwardPairComparison} (about a minute).
 */
public final class BackwardPairComparison {
    private static final double[] SPANS = {0.225, 2.5, 10};
    private static final int[] OUTPUTS = {2, 11, 101, 1001};
    private static final double[] RTOLS = {1e-6, 1e-8};
    private static final String[] PAIRS = {"dopri5", "cashkarp"};

    private BackwardPairComparison() {
    }

    public static void main(String[] args) {
        SpiralBenchmark.Session session = SpiralBenchmark.session(200, Gradient.DIRECT, 0, SpiralBenchmark.METHOD);
        session.trainer().build().fit();
        SpiralOdeFunc model = session.model();
        Random rng = new Random(7);
        double[] start = new double[SpiralBenchmark.BATCH_SIZE * 2];
        var truth = SpiralBenchmark.trueTrajectory();
        for (int b = 0; b < SpiralBenchmark.BATCH_SIZE; b++) {
            System.arraycopy(truth.state(rng.nextInt(truth.length() / 2)), 0, start, 2 * b, 2);
        }
        Tensor z0 = Tensor.fromArray(start, SpiralBenchmark.BATCH_SIZE, 2);
        System.out.println("| span | outputs | rtol | forward steps | DIRECT error | gradient | backward pair "
                + "| backward evaluations | error |");
        System.out.println("| ---: | ---: | ---: | ---: | ---: | --- | --- | ---: | ---: |");
        for (double span : SPANS) {
            for (int outputs : OUTPUTS) {
                if (outputs > 100 * span + 2) {
                    continue;
                }
                double[] times = Tensor.linspace(0, span, outputs).toArray();
                Tensor target = Tensor.normal(new Random(outputs), 0, 1, outputs, SpiralBenchmark.BATCH_SIZE, 2);
                double[] exact = gradient(model, z0, times, target, options(1e-13), Gradient.DIRECT, null).values;
                for (double rtol : RTOLS) {
                    Measured direct = gradient(model, z0, times, target, options(rtol), Gradient.DIRECT, null);
                    for (Gradient g : new Gradient[] {Gradient.ADJOINT, Gradient.CHECKPOINTED_ADJOINT}) {
                        for (String pair : PAIRS) {
                            Measured m = gradient(model, z0, times, target, options(rtol), g,
                                    AdjointOptions.builder().method(pair).build());
                            System.out.printf(Locale.ROOT, "| %s | %d | %.0e | %d | %.2e | %s | %s | %d | %.2e |%n",
                                    span, outputs, rtol, m.forwardSteps, GradientVectors.relativeError(direct.values, exact), g, pair,
                                    m.backwardEvaluations, GradientVectors.relativeError(m.values, exact));
                        }
                    }
                }
            }
        }
        parametricProblems();
    }

    /** A field with one scalar parameter p, its initial state, output times and the value of p. */
    private record Problem(String name, Function<Tensor, VectorField> field, double[] z0, double[] times, double p) {
    }

    /**
     * The second table: three small problems with one parameter, loss Σ_i |z(t_i)|², the error of
     * dL/dp against DIRECT at rtol 1e-13. The damped one is stiff enough (eigenvalues -1, -50) that
     * ADJOINT's backward integration of z diverges with either pair (torchdiffeq #184); the
     * checkpointed adjoint never integrates z backwards.
     */
    private static void parametricProblems() {
        Problem[] problems = {
            new Problem("Lotka-Volterra, x' = p x - x y, y' = -3 y + x y", p -> VectorField.withParameters(List.of(p),
                    (t, z) -> {
                        Tensor x = z.select(0, 0);
                        Tensor y = z.select(0, 1);
                        return Tensor.stack(0, x.mul(p).sub(x.mul(y)), y.mul(-3).add(x.mul(y)));
                    }), new double[] {1, 1}, Tensor.linspace(0, 10, 11).toArray(), 1.5),
            new Problem("Van der Pol, mu = p", p -> VectorField.withParameters(List.of(p), (t, z) -> {
                Tensor x = z.select(0, 0);
                Tensor y = z.select(0, 1);
                return Tensor.stack(0, y, p.mul(y).mul(x.square().neg().add(1)).sub(x));
            }), new double[] {2, 0}, Tensor.linspace(0, 10, 21).toArray(), 5),
            new Problem("damped, x' = -x + p y, y' = -50 y", p -> VectorField.withParameters(List.of(p), (t, z) -> {
                Tensor x = z.select(0, 0);
                Tensor y = z.select(0, 1);
                return Tensor.stack(0, x.neg().add(y.mul(p)), y.mul(-50));
            }), new double[] {1, 1}, Tensor.linspace(0, 2, 3).toArray(), 0.5),
        };
        System.out.println();
        System.out.println("| problem | outputs | rtol | DIRECT error | gradient | backward pair | backward evaluations | error |");
        System.out.println("| --- | ---: | ---: | ---: | --- | --- | ---: | ---: |");
        for (Problem problem : problems) {
            for (double rtol : RTOLS) {
                double exact = parameterGradient(problem, options(1e-13), Gradient.DIRECT, null)[0];
                double direct = parameterGradient(problem, options(rtol), Gradient.DIRECT, null)[0];
                for (Gradient g : new Gradient[] {Gradient.ADJOINT, Gradient.CHECKPOINTED_ADJOINT}) {
                    for (String pair : PAIRS) {
                        double[] m = parameterGradient(problem, options(rtol), g, AdjointOptions.builder().method(pair)
                                .maxSteps(10_000_000).build());
                        System.out.printf(Locale.ROOT, "| %s | %d | %.0e | %.2e | %s | %s | %d | %.2e |%n", problem.name(),
                                problem.times().length, rtol, Math.abs(direct - exact) / Math.abs(exact), g, pair,
                                (long) m[1], Math.abs(m[0] - exact) / Math.abs(exact));
                    }
                }
            }
        }
    }

    /** {dL/dp, backward evaluations}. */
    private static double[] parameterGradient(Problem problem, SolveOptions forward, Gradient method,
                                              AdjointOptions backward) {
        Tensor p = Tensor.scalar(problem.p()).requiresGrad(true);
        GradientSolution sol = Odeint.solve(problem.field().apply(p), Tensor.of(problem.z0()), problem.times(), forward,
                method, backward == null ? AdjointOptions.defaults() : backward);
        sol.states().square().sum().backward();
        return new double[] {p.grad().item(), method == Gradient.DIRECT ? 0 : sol.backwardStats().functionEvaluations()};
    }

    private static SolveOptions options(double rtol) {
        return SolveOptions.builder().method("dopri5").rtol(rtol).atol(rtol * 1e-2).maxSteps(1_000_000).build();
    }

    private record Measured(double[] values, long backwardEvaluations, long forwardSteps) {
    }

    private static Measured gradient(SpiralOdeFunc model, Tensor z0, double[] times, Tensor target,
                                     SolveOptions forward, Gradient method, AdjointOptions backward) {
        model.zeroGrad();
        GradientSolution sol = Odeint.solve(new ModuleField(model), z0, times, forward, method,
                backward == null ? AdjointOptions.defaults() : backward);
        Losses.l1(sol.states(), target).backward();
        double[] g = GradientVectors.flatten(model.parameters());
        return new Measured(g, method == Gradient.DIRECT ? 0 : sol.backwardStats().functionEvaluations(),
                sol.forwardStats().acceptedSteps());
    }
}
