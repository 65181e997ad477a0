package org.neuralode4j.ode;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.neuralode4j.ode.stiff.EsdirkTableau;
import org.neuralode4j.ode.stiff.RosenbrockTableau;

/**
 * A stiff method: a Rosenbrock tableau (run by the Rosenbrock engine) or an ESDIRK tableau (run by
 * the ESDIRK engine with simplified Newton iterations). Chosen by name in
 * {@link SolveOptions.Builder#method(String)} like the explicit methods, or built from any tableau
 * of {@link org.neuralode4j.ode.stiff}. Immutable.
 *
 * <table>
 *   <caption>Registered stiff methods</caption>
 *   <tr><th>name</th><th>engine</th><th>order (embedded)</th><th>stages (implicit solves)</th>
 *       <th>dense output</th><th>use for</th></tr>
 *   <tr><td>rodas5p</td><td>Rosenbrock</td><td>5 (4)</td><td>8 linear solves, 1 LU</td><td>order 4</td>
 *       <td>the default stiff method; tight tolerances (Steinebach 2023)</td></tr>
 *   <tr><td>rodas4</td><td>Rosenbrock</td><td>4 (3)</td><td>6 linear solves, 1 LU</td><td>order 3</td>
 *       <td>medium tolerances (Hairer &amp; Wanner II, IV.7)</td></tr>
 *   <tr><td>rosenbrock23</td><td>Rosenbrock</td><td>2 (3)</td><td>3 linear solves, 1 LU</td><td>order 2</td>
 *       <td>loose tolerances, 1e-2 to 1e-4 (Shampine &amp; Reichelt 1997)</td></tr>
 *   <tr><td>kvaerno3</td><td>ESDIRK</td><td>3 (2)</td><td>3 Newton solves</td><td>cubic Hermite</td>
 *       <td>loose tolerances, expensive or non-differentiable Jacobians (Kværnø 2004)</td></tr>
 *   <tr><td>kvaerno5</td><td>ESDIRK</td><td>5 (4)</td><td>6 Newton solves</td><td>cubic Hermite</td>
 *       <td>tight tolerances when the Jacobian is expensive: it is reused across steps (Kværnø 2004)</td></tr>
 * </table>
 *
 * <p>A Rosenbrock method needs the exact Jacobian ∂f/∂z at every step (its order depends on it) and
 * ∂f/∂t for a non-autonomous field; an ESDIRK method only uses the Jacobian in the Newton matrix,
 * so a stale one costs iterations, not accuracy. See {@link StiffOptions} for where the Jacobian
 * comes from.
 *
 * <h2>Gradients (direct backpropagation)</h2>
 * With the tape on, a stiff solve is differentiable like an explicit one, and the gradient is that
 * of the computed solution, not of a frozen-Jacobian (W-method) approximation:
 * <ul>
 *   <li>Rosenbrock: each stage solve u = W⁻¹ r is one node whose backward pass solves with Wᵀ
 *       (r̄ = W⁻ᵀ ū) and passes J̄ = r̄ uᵀ to a node for the step's Jacobian; that node's backward
 *       pass recomputes the rows of J by autodiff with a recorded graph and differentiates
 *       Σ ⟨J̄_r, ∇f_r⟩ with respect to the state and {@link VectorField#parameters()} (second
 *       derivatives of f). ∂f/∂t is the recorded forward difference of two evaluations of f.
 *       Leaves that f reads without listing them in {@code parameters()} get every term but J's
 *       dependence on them.</li>
 *   <li>ESDIRK: each implicit stage is recorded through the implicit function theorem, with the
 *       exact Jacobian at the converged stage (computed by reverse mode in the backward pass); the
 *       Newton iterations themselves are not recorded.</li>
 * </ul>
 * Measured against central finite differences of the untaped solve on a forced Van der Pol
 * oscillator (μ = 20): 1e-8 to 4e-8 relative with fixed steps (the finite differences' own
 * accuracy), up to 5e-8 adaptive at rtol 1e-10 (step sizes are constants of the backward pass), see
 * {@code StiffGradientTest}. The backward passes run on arrays: a stiff solve cannot be
 * differentiated twice (no create-graph gradients). The backward pass costs about n vector–Jacobian
 * products with a recorded graph per step (Rosenbrock) or per implicit stage (ESDIRK), n the state
 * size (D with independent rows); the adjoint method will avoid storing the steps.
 */
public final class StiffMethod {
    /** Rodas5P. */
    public static final StiffMethod RODAS5P = rosenbrock("rodas5p", RosenbrockTableau.RODAS5P);
    /** Rodas4. */
    public static final StiffMethod RODAS4 = rosenbrock("rodas4", RosenbrockTableau.RODAS4);
    /** Rosenbrock23 (ode23s). */
    public static final StiffMethod ROSENBROCK23 = rosenbrock("rosenbrock23", RosenbrockTableau.ROSENBROCK23);
    /** Kværnø 3(2). */
    public static final StiffMethod KVAERNO3 = esdirk("kvaerno3", EsdirkTableau.KVAERNO3);
    /** Kværnø 5(4). */
    public static final StiffMethod KVAERNO5 = esdirk("kvaerno5", EsdirkTableau.KVAERNO5);

    private static final Map<String, StiffMethod> BY_NAME = register(RODAS5P, RODAS4, ROSENBROCK23, KVAERNO3,
            KVAERNO5);
    private static final List<String> NAMES = List.copyOf(BY_NAME.keySet());

    private final String name;
    private final RosenbrockTableau rosenbrock;
    private final EsdirkTableau esdirk;

    private StiffMethod(String name, RosenbrockTableau rosenbrock, EsdirkTableau esdirk) {
        this.name = name;
        this.rosenbrock = rosenbrock;
        this.esdirk = esdirk;
    }

    /**
     * A Rosenbrock method from its tableau.
     *
     * @param name the display name
     * @param tableau the tableau (transformed form, see {@link RosenbrockTableau})
     * @return the method
     */
    public static StiffMethod rosenbrock(String name, RosenbrockTableau tableau) {
        return new StiffMethod(Objects.requireNonNull(name, "name"), Objects.requireNonNull(tableau, "tableau"), null);
    }

    /**
     * An ESDIRK method from its tableau.
     *
     * @param name the display name
     * @param tableau the tableau
     * @return the method
     */
    public static StiffMethod esdirk(String name, EsdirkTableau tableau) {
        return new StiffMethod(Objects.requireNonNull(name, "name"), null, Objects.requireNonNull(tableau, "tableau"));
    }

    /**
     * Looks a registered stiff method up by name; case and surrounding white space are ignored.
     *
     * @param name one of {@link #names()}
     * @return the method
     * @throws IllegalArgumentException for an unknown name; the message lists the valid ones
     */
    public static StiffMethod byName(String name) {
        StiffMethod m = find(name);
        if (m == null) {
            throw new IllegalArgumentException("unknown stiff method '" + name + "'; valid names: "
                    + String.join(", ", NAMES));
        }
        return m;
    }

    /** @return the method of that name, or null */
    static StiffMethod find(String name) {
        return name == null ? null : BY_NAME.get(name.trim().toLowerCase(Locale.ROOT));
    }

    /** @return the registered names: rodas5p, rodas4, rosenbrock23, kvaerno3, kvaerno5 */
    public static List<String> names() {
        return NAMES;
    }

    /** @return the method's name */
    public String name() {
        return name;
    }

    /** @return whether the Rosenbrock engine runs it */
    public boolean isRosenbrock() {
        return rosenbrock != null;
    }

    /** @return the Rosenbrock tableau, or null for an ESDIRK method */
    public RosenbrockTableau rosenbrockTableau() {
        return rosenbrock;
    }

    /** @return the ESDIRK tableau, or null for a Rosenbrock method */
    public EsdirkTableau esdirkTableau() {
        return esdirk;
    }

    /** @return the order of the advanced solution */
    public int order() {
        return rosenbrock != null ? rosenbrock.order() : esdirk.order();
    }

    /** @return the order of the embedded solution */
    public int embeddedOrder() {
        return rosenbrock != null ? rosenbrock.embeddedOrder() : esdirk.embeddedOrder();
    }

    /** @return k with local error estimate ~ h^k (the controller's exponent) */
    int errorOrder() {
        return Math.min(order(), Math.max(embeddedOrder(), 1)) + 1;
    }

    @Override
    public String toString() {
        return name + " (" + (rosenbrock != null ? rosenbrock : esdirk) + ")";
    }

    private static Map<String, StiffMethod> register(StiffMethod... methods) {
        Map<String, StiffMethod> map = new LinkedHashMap<>();
        for (StiffMethod m : methods) {
            map.put(m.name, m);
        }
        return Collections.unmodifiableMap(map);
    }
}
