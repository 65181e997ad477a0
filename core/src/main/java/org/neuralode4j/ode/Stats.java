package org.neuralode4j.ode;

/**
 * The work a solve did.
 *
 * @param functionEvaluations evaluations of the vector field (including the initial step selection,
 *     the forward pass of a reverse-mode Jacobian, the columns of a finite-difference Jacobian and
 *     the finite difference in t of the Rosenbrock methods; not the work inside a
 *     {@link JacobianProvider} or a {@link QuadratureTailField}'s linearization)
 * @param acceptedSteps accepted steps
 * @param rejectedSteps rejected steps (by the error test, or by a failed Newton iteration or a
 *     singular iteration matrix of a stiff method)
 * @param jacobianEvaluations Jacobian evaluations (stiff methods; 0 for explicit ones)
 * @param luDecompositions LU factorizations of the iteration matrix (stiff methods; with independent
 *     rows, one per batch of B block factorizations; 0 for explicit ones)
 * @param newtonIterations simplified Newton iterations summed over all implicit stages (ESDIRK
 *     methods; 0 otherwise)
 */
public record Stats(long functionEvaluations, long acceptedSteps, long rejectedSteps, long jacobianEvaluations,
                    long luDecompositions, long newtonIterations) {

    /**
     * Counts without Newton iterations.
     *
     * @param functionEvaluations evaluations of f
     * @param acceptedSteps accepted steps
     * @param rejectedSteps rejected steps
     * @param jacobianEvaluations Jacobian evaluations
     * @param luDecompositions LU factorizations
     */
    public Stats(long functionEvaluations, long acceptedSteps, long rejectedSteps, long jacobianEvaluations,
                 long luDecompositions) {
        this(functionEvaluations, acceptedSteps, rejectedSteps, jacobianEvaluations, luDecompositions, 0);
    }

    /** Counts of an explicit solve. */
    public static Stats explicit(long functionEvaluations, long acceptedSteps, long rejectedSteps) {
        return new Stats(functionEvaluations, acceptedSteps, rejectedSteps, 0, 0, 0);
    }

    /** Element-wise sum, for batches and repeated solves. */
    public Stats plus(Stats other) {
        return new Stats(functionEvaluations + other.functionEvaluations, acceptedSteps + other.acceptedSteps,
                rejectedSteps + other.rejectedSteps, jacobianEvaluations + other.jacobianEvaluations,
                luDecompositions + other.luDecompositions, newtonIterations + other.newtonIterations);
    }

    /** @return accepted plus rejected steps */
    public long attemptedSteps() {
        return acceptedSteps + rejectedSteps;
    }
}
