package org.neuralode4j.cli;

import java.util.Locale;
import org.neuralode4j.ode.NonFiniteStateException;
import org.neuralode4j.ode.SolveOptions;
import org.neuralode4j.ode.SolverException;
import org.neuralode4j.ode.StepSizeUnderflowException;
import org.neuralode4j.ode.TooManyStepsException;

/**
 * A {@link SolverException} retold in the words of the command line (option names instead of API
 * names) with what to try next. Reported as one line with exit code 1.
 */
public final class SolverFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The stiff method suggested when the solver library offers it. */
    static final String STIFF_METHOD = "rodas5p";

    /**
     * @param e the solver's failure
     * @param context where it happened, e.g. "trajectory 3 of 8", or {@code null}
     */
    public SolverFailure(SolverException e, String context) {
        super(message(e, context), e);
    }

    private static String message(SolverException e, String context) {
        String where = String.format(Locale.ROOT, "solver failed at t = %s%s: ", Numbers.format(e.t()),
                context == null ? "" : " (" + context + ")");
        if (e instanceof TooManyStepsException m) {
            return where + "reached --max-steps " + m.maxSteps() + " attempted steps before the end of the span; raise "
                    + "--max-steps or loosen --rtol/--atol; " + stiffHint();
        }
        String step = String.format(Locale.ROOT, " (step size %.3g)", e.h());
        if (e instanceof StepSizeUnderflowException) {
            return where + "step size underflow: " + e.reason() + step + "; " + stiffHint();
        }
        if (e instanceof NonFiniteStateException) {
            return where + e.reason() + step + "; the solution may blow up here: check --param and --y0, or tighten "
                    + "--rtol/--atol";
        }
        return where + e.reason() + step;
    }

    /** Suggests a stiff method when one is available, else says that none is. */
    static String stiffHint() {
        try {
            SolveOptions.builder().method(STIFF_METHOD);
            return "the problem may be stiff: try --method " + STIFF_METHOD;
        } catch (IllegalArgumentException e) {
            return "the problem may be stiff, and explicit methods need tiny steps there (this build has no stiff "
                    + "--method yet)";
        }
    }
}
