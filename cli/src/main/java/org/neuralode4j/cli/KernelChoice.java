package org.neuralode4j.cli;

import org.neuralode4j.sensitivity.Gradient;
import org.neuralode4j.tensor.NarrowMlp;

/**
 * Runs too short to pay for the Vector API's warm-up use the plain-Java MLP kernel. Until the JIT
 * has compiled them (about a second into a run), the Vector API's operations run interpreted and
 * allocate every vector; the plain kernel is compiled within a few iterations and, at the vector
 * kernel's lane count, gives the same bits ({@link NarrowMlp#KERNEL_PROPERTY}), so the choice changes
 * the time a command takes and nothing else.
 *
 * <p>Measured with {@code bench spiral} from a cold JVM (batch 20, hidden 50): 200 iterations take
 * 1.20 ms (DIRECT) and 3.2–3.9 ms (ADJOINT) per iteration with the plain kernel against 4.49 and 6.80
 * with the vector one; DIRECT is level at 1000 iterations (1.02 against 1.07 ms), ADJOINT at about
 * 400 (total 1.29–1.32 s against 1.20–1.46 s; at 660 the vector kernel was 10–35% ahead), and at
 * 2000 the vector kernel is ahead (0.74 / 1.14 against 1.11 / 2.17). The crossover is set in row ×
 * hidden-unit × evaluation work: iterations × rows × hidden × 50 evaluations × 2 for DIRECT (a forward
 * pass and a VJP each) or × 5 for the adjoints (their backward evaluations run the forward pass and
 * the VJP together, at about 2.5 times a DIRECT evaluation's plain-over-vector cost) reaches
 * {@value #VECTOR_FROM} at 1000 DIRECT or 400 ADJOINT spiral iterations.
 *
 * <p>A choice the user made with {@code -Dneuralode4j.narrowMlp=...} (for example through {@code
 * NEURALODE_JAVA_OPTS}) stands. The choice is a system property read when {@link NarrowMlp} first
 * initializes, so it must be made before anything builds a model, and it holds for the rest of the
 * JVM (in-process callers, such as the tests, keep whatever kernel the first run chose: the same
 * bits either way).
 */
final class KernelChoice {
    /** Row × hidden-unit evaluations from which the vector kernel's warm-up pays. */
    static final double VECTOR_FROM = 1e8;
    /** Evaluations per training iteration assumed (the spiral's forward solves take 25–56). */
    private static final double EVALUATIONS_PER_ITERATION = 50;

    private KernelChoice() {
    }

    /** Before a training run of {@code iterations} on batches of {@code rows}, hidden width {@code hidden}. */
    static void forTraining(long iterations, long rows, long hidden, Gradient gradient) {
        if (System.getProperty(NarrowMlp.KERNEL_PROPERTY) == null && plainFor(iterations, rows, hidden, gradient)) {
            System.setProperty(NarrowMlp.KERNEL_PROPERTY, "scalar");
        }
    }

    /** Whether such a training run finishes sooner on the plain kernel. */
    static boolean plainFor(long iterations, long rows, long hidden, Gradient gradient) {
        double work = (double) iterations * rows * hidden * EVALUATIONS_PER_ITERATION
                * (gradient == Gradient.DIRECT ? 2 : 5);
        return work < VECTOR_FROM;
    }
}
