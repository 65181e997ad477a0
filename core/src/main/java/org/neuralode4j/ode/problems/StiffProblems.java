package org.neuralode4j.ode.problems;

import org.neuralode4j.ode.ArrayVectorField;
import org.neuralode4j.ode.JacobianProvider;

/**
 * Stiff test systems: Robertson's chemical kinetics, the Van der Pol oscillator with large μ, and an
 * averaged buck converter with parasitics. Each factory returns an autonomous
 * {@link ArrayVectorField} that also implements {@link JacobianProvider} (its exact Jacobian, which
 * the stiff solvers pick up by themselves), with the default initial state and time span as
 * constants. Reference values are in REFERENCE.md and repeated below.
 *
 * <pre>{@code
 * Solution s = OdeSolver.solve(StiffProblems.robertson(), Tensor.of(StiffProblems.ROBERTSON_Y0),
 *         new double[] {0, StiffProblems.ROBERTSON_T_END},
 *         SolveOptions.builder().method("rodas5p").rtol(1e-8).atol(StiffProblems.ROBERTSON_ATOL).build());
 * }</pre>
 */
public final class StiffProblems {
    private StiffProblems() {
    }

    // ---- Robertson ---------------------------------------------------------------------------

    /** Robertson's initial state (1, 0, 0). */
    public static final double[] ROBERTSON_Y0 = {1, 0, 0};
    /** The usual end of the span, t = 1e11 (the start is 0). */
    public static final double ROBERTSON_T_END = 1e11;
    /** Per-component absolute tolerances for Robertson (y2 is of order 1e-5 at most). */
    public static final double[] ROBERTSON_ATOL = {1e-8, 1e-14, 1e-8};
    /** y(1e11), Radau at rtol 1e-12 (REFERENCE.md). */
    public static final double[] ROBERTSON_AT_T_END = {2.083340149701255e-8, 8.333360770334713e-14,
        0.9999999791665050};

    /**
     * Robertson's reaction kinetics (Hairer &amp; Wanner II, IV.1, problem ROBER):
     * <pre>
     *   y1' = −0.04 y1 + 1e4 y2 y3
     *   y2' =  0.04 y1 − 1e4 y2 y3 − 3e7 y2²
     *   y3' =  3e7 y2²
     * </pre>
     * from (1, 0, 0). y1 + y2 + y3 = 1 is conserved; the eigenvalues of J range from about −0.04 to
     * about −1e4 near t = 0 and the problem stays stiff over 1e11. Row sums of J vanish.
     *
     * @return the field (also a {@link JacobianProvider})
     */
    public static ArrayVectorField robertson() {
        return new Robertson();
    }

    private static final class Robertson implements ArrayVectorField, JacobianProvider {
        @Override
        public void evaluate(double t, double[] y, double[] out) {
            double r1 = 0.04 * y[0];
            double r2 = 1e4 * y[1] * y[2];
            double r3 = 3e7 * y[1] * y[1];
            out[0] = -r1 + r2;
            out[1] = r1 - r2 - r3;
            out[2] = r3;
        }

        @Override
        public void jacobian(double t, double[] y, double[] j) {
            j[0] = -0.04;
            j[1] = 1e4 * y[2];
            j[2] = 1e4 * y[1];
            j[3] = 0.04;
            j[4] = -1e4 * y[2] - 6e7 * y[1];
            j[5] = -1e4 * y[1];
            j[6] = 0;
            j[7] = 6e7 * y[1];
            j[8] = 0;
        }

        @Override
        public boolean timeDerivative(double t, double[] z, double[] out) {
            java.util.Arrays.fill(out, 0.0);
            return true;
        }
    }

    // ---- Van der Pol -------------------------------------------------------------------------

    /** The default μ = 1000. */
    public static final double VAN_DER_POL_MU = 1000;
    /** Van der Pol's initial state (2, 0). */
    public static final double[] VAN_DER_POL_Y0 = {2, 0};
    /** The usual end of the span, t = 2000 (the start is 0). */
    public static final double VAN_DER_POL_T_END = 2000;
    /** y(2000) for μ = 1000, Radau at rtol 1e-12 (REFERENCE.md). */
    public static final double[] VAN_DER_POL_AT_T_END = {1.706167732170469, -8.928097010248125e-4};

    /**
     * Van der Pol's oscillator x'' − μ(1 − x²)x' + x = 0 in the unscaled form of REFERENCE.md:
     * <pre>
     *   y1' = y2
     *   y2' = μ (1 − y1²) y2 − y1
     * </pre>
     * For μ = 1000 the period is about 1614 (≈ (3 − 2 ln 2) μ); on the slow branches J has an
     * eigenvalue near −μ(y1² − 1) ≈ −3000 and one of order −1/μ, a stiffness ratio of about 1e6,
     * with fast transitions where both eigenvalues pass through zero.
     *
     * @param mu the damping parameter μ
     * @return the field (also a {@link JacobianProvider})
     */
    public static ArrayVectorField vanDerPol(double mu) {
        return new VanDerPol(mu);
    }

    /** @return {@link #vanDerPol(double)} with μ = 1000 */
    public static ArrayVectorField vanDerPol() {
        return vanDerPol(VAN_DER_POL_MU);
    }

    private static final class VanDerPol implements ArrayVectorField, JacobianProvider {
        private final double mu;

        VanDerPol(double mu) {
            this.mu = mu;
        }

        @Override
        public void evaluate(double t, double[] y, double[] out) {
            out[0] = y[1];
            out[1] = mu * (1 - y[0] * y[0]) * y[1] - y[0];
        }

        @Override
        public void jacobian(double t, double[] y, double[] j) {
            j[0] = 0;
            j[1] = 1;
            j[2] = -2 * mu * y[0] * y[1] - 1;
            j[3] = mu * (1 - y[0] * y[0]);
        }

        @Override
        public boolean timeDerivative(double t, double[] z, double[] out) {
            java.util.Arrays.fill(out, 0.0);
            return true;
        }
    }

    // ---- buck converter with parasitics ------------------------------------------------------

    /** Input voltage Vin = 12 V. */
    public static final double BUCK_VIN = 12;
    /** Duty cycle d = 0.5. */
    public static final double BUCK_DUTY = 0.5;
    /** Inductance L = 100 µH. */
    public static final double BUCK_L = 100e-6;
    /** Output capacitance C = 100 µF. */
    public static final double BUCK_C = 100e-6;
    /** Load R = 5 Ω. */
    public static final double BUCK_R = 5;
    /** Inductor series resistance r_L = 20 mΩ. */
    public static final double BUCK_RL = 0.02;
    /** Output capacitor ESR r_C = 10 mΩ. */
    public static final double BUCK_ESR = 0.01;
    /** Switch on-resistance R_sw = 10 mΩ (between the averaged source d·Vin and the switch node). */
    public static final double BUCK_RSW = 0.01;
    /** Snubber resistance R_s = 1 Ω. */
    public static final double BUCK_SNUBBER_R = 1;
    /** Snubber capacitance C_s = 4.7 nF. */
    public static final double BUCK_SNUBBER_C = 4.7e-9;
    /** Initial state (iL, vC, vS) = (0, 0, 0): all capacitors discharged. */
    public static final double[] BUCK_Y0 = {0, 0, 0};
    /** The default end of the span, 2 ms (the start is 0). */
    public static final double BUCK_T_END = 2e-3;
    /**
     * (iL, vC, vS) at 1 ms, from the matrix exponential of the (linear) system in 40-digit
     * arithmetic.
     */
    public static final double[] BUCK_AT_1MS = {0.61662807554815783, 7.6317929884487804, 5.9938329401389586};
    /** (iL, vC, vS) at 2 ms, as {@link #BUCK_AT_1MS}. */
    public static final double[] BUCK_AT_2MS = {1.6027947499045336, 5.6356241833067706, 5.9839722004022139};
    /**
     * Eigenvalues of the Jacobian (constant: the system is linear), in s⁻¹: −1197.904 ± 9948.077j
     * (the LC filter, close to the ideal converter's −1000 ± 9950j) and −2.10659e8 (the snubber),
     * a stiffness ratio |Re λ| max / min of 1.76e5.
     */
    public static final double[] BUCK_EIGENVALUES_REAL = {-1197.904192555188, -1197.904192555188, -210659362.81862041};

    /**
     * The averaged synchronous buck converter of REFERENCE.md (Vin = 12 V, d = 0.5, L = 100 µH,
     * C = 100 µF, R = 5 Ω) with its parasitics: the switch's on-resistance R_sw between the averaged
     * source d·Vin and the switch node, an RC snubber (R_s = 1 Ω in series with C_s = 4.7 nF) from the
     * switch node to ground, the inductor's series resistance r_L = 20 mΩ and the output capacitor's
     * ESR r_C = 10 mΩ. State (iL, vC, vS): inductor current, voltage of the output capacitance
     * behind its ESR, snubber capacitor voltage. With
     * <pre>
     *   v_sw = (d·Vin/R_sw − iL + vS/R_s) / (1/R_sw + 1/R_s)       switch node (KCL)
     *   v_o  = (vC + r_C iL) / (1 + r_C/R)                           output node
     *   L  diL/dt = v_sw − r_L iL − v_o
     *   C  dvC/dt = iL − v_o/R
     *   C_s dvS/dt = (v_sw − vS)/R_s
     * </pre>
     * The system is linear with the eigenvalues of {@link #BUCK_EIGENVALUES_REAL}: the snubber's
     * time constant (about 4.7 ns) is 1.76e5 times shorter than the filter's decay (0.83 ms), so an
     * explicit method needs steps below about 1.3e-8 s for stability alone. Steady state:
     * (iL, vC, vS) = (1.1928, 5.9642, 5.9881).
     *
     * @return the field (also a {@link JacobianProvider})
     */
    public static ArrayVectorField buckParasitic() {
        return new Buck();
    }

    private static final class Buck implements ArrayVectorField, JacobianProvider {
        private final double g = 1 / BUCK_RSW + 1 / BUCK_SNUBBER_R;
        private final double k = 1 / (1 + BUCK_ESR / BUCK_R);
        private final double[] a = new double[9];
        private final double[] b = new double[3];

        Buck() {
            double src = BUCK_DUTY * BUCK_VIN / (BUCK_RSW * g);
            // iL' = (v_sw - rL iL - v_o)/L
            a[0] = (-1 / g - BUCK_RL - BUCK_ESR * k) / BUCK_L;
            a[1] = -k / BUCK_L;
            a[2] = 1 / (BUCK_SNUBBER_R * g) / BUCK_L;
            b[0] = src / BUCK_L;
            // vC' = (iL - v_o/R)/C
            a[3] = (1 - BUCK_ESR * k / BUCK_R) / BUCK_C;
            a[4] = -k / BUCK_R / BUCK_C;
            a[5] = 0;
            b[1] = 0;
            // vS' = (v_sw - vS)/(Rs Cs)
            double rc = BUCK_SNUBBER_R * BUCK_SNUBBER_C;
            a[6] = -1 / g / rc;
            a[7] = 0;
            a[8] = (1 / (BUCK_SNUBBER_R * g) - 1) / rc;
            b[2] = src / rc;
        }

        @Override
        public void evaluate(double t, double[] y, double[] out) {
            for (int i = 0; i < 3; i++) {
                out[i] = a[3 * i] * y[0] + a[3 * i + 1] * y[1] + a[3 * i + 2] * y[2] + b[i];
            }
        }

        @Override
        public void jacobian(double t, double[] y, double[] j) {
            System.arraycopy(a, 0, j, 0, 9);
        }

        @Override
        public boolean timeDerivative(double t, double[] z, double[] out) {
            java.util.Arrays.fill(out, 0.0);
            return true;
        }
    }
}
