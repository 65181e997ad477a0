package org.neuralode4j.bench;

import java.util.Arrays;
import java.util.Locale;
import org.neuralode4j.ode.ArrayVectorField;
import org.neuralode4j.ode.OdeSolver;
import org.neuralode4j.ode.Solution;
import org.neuralode4j.ode.SolveOptions;
import org.neuralode4j.ode.SolverException;
import org.neuralode4j.ode.StiffMethod;
import org.neuralode4j.ode.problems.StiffProblems;
import org.neuralode4j.tensor.Tensor;

/**
 * The stiff methods on Robertson (to t = 1e11), Van der Pol with μ = 1000 (to t = 2000) and the buck
 * converter with parasitics (to 2 ms): accepted/rejected steps, evaluations of f, Jacobians, LU
 * factorizations, Newton iterations, the error against the reference values and the wall time per
 * solve (median of timed rounds after a warm-up, one thread, exact Jacobians from
 * {@link StiffProblems}). Then dopri5 on the same problems for contrast, capped at 1 000 000 attempted
 * steps: it reports that it gave up when it does.
 *
 * <p>Run: {@code mvn -q -pl bench -am -DskipTests package && java -cp bench/target/benchmarks.jar
 * org.neuralode4j.bench.StiffBenchmark}. Prints; asserts nothing.
 */
public final class StiffBenchmark {
    private static final int WARMUP = 10;
    private static final int ROUNDS = 11;
    private static final int DOPRI_CAP = 1_000_000;

    private StiffBenchmark() {
    }

    private record Problem(String name, ArrayVectorField f, double[] y0, double tEnd, double[] reference,
                           double rtol, double[] atol) {
    }

    public static void main(String[] args) {
        Problem[] problems = {
            new Problem("robertson", StiffProblems.robertson(), StiffProblems.ROBERTSON_Y0,
                    StiffProblems.ROBERTSON_T_END, StiffProblems.ROBERTSON_AT_T_END, 1e-8, StiffProblems.ROBERTSON_ATOL),
            new Problem("robertson (tight atol)", StiffProblems.robertson(), StiffProblems.ROBERTSON_Y0,
                    StiffProblems.ROBERTSON_T_END, StiffProblems.ROBERTSON_AT_T_END, 1e-10,
                    new double[] {1e-14, 1e-20, 1e-14}),
            new Problem("van-der-pol mu=1000", StiffProblems.vanDerPol(), StiffProblems.VAN_DER_POL_Y0,
                    StiffProblems.VAN_DER_POL_T_END, StiffProblems.VAN_DER_POL_AT_T_END, 1e-8, new double[] {1e-8}),
            new Problem("buck-parasitic", StiffProblems.buckParasitic(), StiffProblems.BUCK_Y0,
                    StiffProblems.BUCK_T_END, StiffProblems.BUCK_AT_2MS, 1e-8, new double[] {1e-8}),
        };
        System.out.printf(Locale.ROOT, "%-24s %-13s %8s %6s %9s %8s %8s %9s %10s %10s%n", "problem", "method",
                "accepted", "rej", "f evals", "Jacs", "LUs", "Newton", "max rel err", "ms/solve");
        for (Problem p : problems) {
            for (String m : StiffMethod.names()) {
                run(p, m, SolveOptions.builder().method(m).rtol(p.rtol).atol(p.atol).maxSteps(DOPRI_CAP).build());
            }
            run(p, "dopri5", SolveOptions.builder().method("dopri5").rtol(p.rtol).atol(p.atol).maxSteps(DOPRI_CAP)
                    .build());
            System.out.println();
        }
    }

    private static void run(Problem p, String method, SolveOptions o) {
        double[] times = {0, p.tEnd};
        Tensor y0 = Tensor.of(p.y0);
        Solution s;
        try {
            s = OdeSolver.solve(p.f, y0, times, o);
        } catch (SolverException e) {
            System.out.printf(Locale.ROOT, "%-24s %-13s gave up: %s%n", p.name, method, e.getMessage());
            return;
        }
        int rounds = s.stats().attemptedSteps() > 100_000 ? 1 : ROUNDS;
        int warm = s.stats().attemptedSteps() > 100_000 ? 1 : WARMUP;
        for (int i = 0; i < warm; i++) {
            OdeSolver.solve(p.f, y0, times, o);
        }
        double[] ms = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            long t0 = System.nanoTime();
            OdeSolver.solve(p.f, y0, times, o);
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        double[] y = s.states().slice(0, 1, 2).toArray();
        double err = 0;
        for (int i = 0; i < y.length; i++) {
            err = Math.max(err, Math.abs(y[i] - p.reference[i]) / Math.abs(p.reference[i]));
        }
        var st = s.stats();
        System.out.printf(Locale.ROOT, "%-24s %-13s %8d %6d %9d %8d %8d %9d %10.2e %10.2f%n", p.name, method,
                st.acceptedSteps(), st.rejectedSteps(), st.functionEvaluations(), st.jacobianEvaluations(),
                st.luDecompositions(), st.newtonIterations(), err, ms[rounds / 2]);
    }
}
