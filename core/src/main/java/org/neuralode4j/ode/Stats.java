package org.neuralode4j.ode;

/**
 * The work a solve did.
 *
 * @param functionEvaluations evaluations of the vector field (including the initial step selection)
 * @param acceptedSteps accepted steps
 * @param rejectedSteps rejected steps
 * @param jacobianEvaluations Jacobian evaluations (implicit methods; 0 for explicit ones)
 * @param luDecompositions LU factorizations (implicit methods; 0 for explicit ones)
 */
public record Stats(long functionEvaluations, long acceptedSteps, long rejectedSteps, long jacobianEvaluations,
                    long luDecompositions) {

    /** Counts of an explicit solve. */
    public static Stats explicit(long functionEvaluations, long acceptedSteps, long rejectedSteps) {
        return new Stats(functionEvaluations, acceptedSteps, rejectedSteps, 0, 0);
    }

    /** Element-wise sum, for batches and repeated solves. */
    public Stats plus(Stats other) {
        return new Stats(functionEvaluations + other.functionEvaluations, acceptedSteps + other.acceptedSteps,
                rejectedSteps + other.rejectedSteps, jacobianEvaluations + other.jacobianEvaluations,
                luDecompositions + other.luDecompositions);
    }

    /** @return accepted plus rejected steps */
    public long attemptedSteps() {
        return acceptedSteps + rejectedSteps;
    }
}
