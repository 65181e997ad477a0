package org.neuralode4j.sensitivity;

import java.util.Locale;

/**
 * How a solve is differentiated.
 *
 * <ul>
 *   <li>{@link #DIRECT}: backpropagation through the solver's recorded arithmetic; the exact gradient
 *       of the discrete computation, memory linear in the number of steps. For fields with array
 *       vector–Jacobian products ({@link org.neuralode4j.ode.ArrayVjpField}, e.g. multilayer
 *       perceptrons) and explicit Runge–Kutta methods the solve is one recorded node whose backward
 *       pass is the hand-written discrete adjoint of the steps
 *       ({@link org.neuralode4j.ode.DiscreteAdjointSolve}): the same gradient without a tape node per
 *       operation.</li>
 *   <li>{@link #ADJOINT}: the adjoint sensitivity method of Chen et al. (2018), "Neural Ordinary
 *       Differential Equations", Alg. 1: a forward solve without a tape, then one backward solve of
 *       the augmented system [z, a, a_θ] with the adjoint jumping by ∂L/∂z(t_i) at the observation
 *       times; O(1) memory in the number of steps. Error control uses the seminorm of Kidger, Chen
 *       &amp; Lyons (2021) by default.</li>
 *   <li>{@link #CHECKPOINTED_ADJOINT}: the forward pass keeps the states at checkpoints (the output
 *       times and any extra ones, {@link AdjointOptions.Builder#checkpointSegments}); the backward
 *       pass recomputes z(t) forward once per segment of checkpoint intervals (dense output, about
 *       64 forward steps a segment) instead of integrating it backwards, which is what makes the
 *       plain adjoint unstable on dissipative or stiff problems (the interpolating/checkpointed
 *       adjoint of SciMLSensitivity). Memory grows with the number of checkpoints, plus one
 *       segment's dense output.</li>
 *   <li>{@link #RECURSIVE_CHECKPOINT}: DIRECT's gradient (the exact gradient of the same discrete
 *       computation) in memory for c states, c set by {@link AdjointOptions.Builder#checkpoints}: a
 *       forward solve without a tape logs its accepted steps, and the backward pass reverses them by
 *       binomial checkpointing (A. Griewank, A. Walther, "Algorithm 799: Revolve", ACM TOMS 26(1),
 *       2000; diffrax's RecursiveCheckpointAdjoint), replaying each step on the tape once and the
 *       others forward from the stored states the least possible number of times, which grows like
 *       N log N for fixed c. Explicit methods only; no events, output hooks or per-sample solving.</li>
 * </ul>
 *
 * <p>DIRECT and the adjoints differentiate through events; the adjoints keep two states per event
 * (see {@link Odeint}).
 */
public enum Gradient {
    /** Backpropagation through the solver. */
    DIRECT,
    /** Backsolve adjoint with O(1) memory. */
    ADJOINT,
    /** Adjoint with forward recomputation from checkpoints. */
    CHECKPOINTED_ADJOINT,
    /** Backpropagation through the solver with binomial checkpointing of its steps (Revolve). */
    RECURSIVE_CHECKPOINT;

    /**
     * Parses {@code direct}, {@code adjoint}, {@code checkpointed} (also {@code checkpointed-adjoint})
     * or {@code recursive} (also {@code recursive-checkpoint} and {@code revolve}), ignoring case.
     *
     * @throws IllegalArgumentException for anything else, listing the valid names
     */
    public static Gradient fromName(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        return switch (n) {
            case "direct" -> DIRECT;
            case "adjoint" -> ADJOINT;
            case "checkpointed", "checkpointed-adjoint" -> CHECKPOINTED_ADJOINT;
            case "recursive", "recursive-checkpoint", "revolve" -> RECURSIVE_CHECKPOINT;
            default -> throw new IllegalArgumentException("unknown gradient method '" + name
                    + "'; use direct, adjoint, checkpointed or recursive");
        };
    }

    /** The short name used on the command line and in benchmark output. */
    public String shortName() {
        return switch (this) {
            case DIRECT -> "direct";
            case ADJOINT -> "adjoint";
            case CHECKPOINTED_ADJOINT -> "checkpointed";
            case RECURSIVE_CHECKPOINT -> "recursive";
        };
    }
}
