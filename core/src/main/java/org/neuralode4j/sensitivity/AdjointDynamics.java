package org.neuralode4j.sensitivity;

import java.util.Arrays;
import org.neuralode4j.autodiff.Autodiff;
import org.neuralode4j.ode.ArrayVectorField;
import org.neuralode4j.ode.ArrayVjpField;
import org.neuralode4j.ode.DenseSolution;
import org.neuralode4j.ode.QuadratureTailField;
import org.neuralode4j.ode.VectorField;
import org.neuralode4j.tensor.Tensor;

/**
 * The augmented adjoint system of Chen et al. (2018), Alg. 1, integrated backwards in time:
 * dz/dt = f(t, z), da/dt = −aᵀ ∂f/∂z, da_θ/dt = −aᵀ ∂f/∂θ. Each evaluation is one forward pass of
 * f and one vector–Jacobian product (a single reverse sweep gives both aᵀ∂f/∂z and aᵀ∂f/∂θ).
 *
 * <p>Two layouts. Backsolve ({@link #backsolve}): the state is [z | a | a_θ] and z is integrated
 * backwards with the adjoint. Interpolating ({@link #interpolating}): the state is [a | a_θ] and z(t)
 * is read from a dense solution of a forward recomputation, never integrated backwards.
 *
 * <p>When f offers its vector–Jacobian products on arrays ({@link ArrayVjpField}, e.g. a
 * multilayer perceptron) and its parameters are exactly the differentiated ones, an evaluation
 * writes f, −aᵀ∂f/∂z and −aᵀ∂f/∂θ straight into the solver's arrays: no tensor, no tape.
 *
 * <p>For the stiff methods the system is a {@link QuadratureTailField}: a_θ never enters the
 * dynamics, so the core is [z, a] (backsolve) or [a] (interpolating) and the iteration matrix is
 * factored at order 2n or n instead of 2n + P. The core Jacobian, the tail products and (for the
 * time-dependent interpolating layout) ∂/∂t are exact, from first and second derivatives of f by
 * the autodiff ({@link BacksolveLinearization}, {@link InterpolatingLinearization}); they need f
 * twice differentiable through its recorded operations (every built-in operation is; a custom
 * operation whose backward pass is not written with tensor operations contributes no second
 * derivative, which costs a Rosenbrock method its order and an ESDIRK method Newton iterations).
 */
final class AdjointDynamics implements ArrayVectorField, QuadratureTailField {
    private final VectorField f;
    private final int[] shape;
    private final int n;
    private final ParameterSet params;
    private final DenseSolution zOfT;
    private final double[] zBuffer;
    private final ArrayVjpField raw;

    private AdjointDynamics(VectorField f, int[] shape, ParameterSet params, DenseSolution zOfT) {
        this.f = f;
        this.shape = shape.clone();
        this.n = Arrays.stream(shape).reduce(1, (x, y) -> x * y);
        this.params = params;
        this.zOfT = zOfT;
        this.zBuffer = new double[n];
        this.raw = f instanceof ArrayVjpField v && v.hasArrayVjp() && params.isExactly(v.parameters())
                ? v : null;
    }

    /** State [z | a | a_θ] of length 2n + P. */
    static AdjointDynamics backsolve(VectorField f, int[] shape, ParameterSet params) {
        return new AdjointDynamics(f, shape, params, null);
    }

    /** State [a | a_θ] of length n + P, with z(t) from {@code zOfT}. */
    static AdjointDynamics interpolating(VectorField f, int[] shape, ParameterSet params, DenseSolution zOfT) {
        return new AdjointDynamics(f, shape, params, zOfT);
    }

    /** Length of the augmented state. */
    int size() {
        return (zOfT == null ? 2 * n : n) + params.size();
    }

    /** Offset of the adjoint a in the augmented state. */
    int adjointOffset() {
        return zOfT == null ? n : 0;
    }

    /** @return f's raw-array VJP when it applies (see the class comment), else null */
    ArrayVjpField rawVjp() {
        return raw;
    }

    VectorField field() {
        return f;
    }

    int[] shape() {
        return shape;
    }

    ParameterSet parameterSet() {
        return params;
    }

    /** The core [z, a] (backsolve, 2n) or [a] (interpolating, n); a_θ is the quadrature tail. */
    @Override
    public int coreSize() {
        return zOfT == null ? 2 * n : n;
    }

    @Override
    public Linearized linearize(double t, double[] y, double[] coreJacobian) {
        if (zOfT == null) {
            return BacksolveLinearization.at(f, shape, params, t, y, coreJacobian);
        }
        double[] z = new double[n];
        zOfT.at(t, z);
        double[] zDot = zOfT.derivativeAt(t).buffer();
        double direction = Math.signum(zOfT.startTime() - zOfT.endTime());
        return InterpolatingLinearization.at(this, t, z, zDot, y, direction, coreJacobian);
    }

    @Override
    public void evaluate(double t, double[] s, double[] out) {
        if (zOfT == null) {
            evaluateAtState(t, s, s, out);
        } else {
            // a stage past the interval's end (kvaerno5's c_3 ≈ 1.23 on the last backward step)
            // reads the continued polynomial of the boundary step
            zOfT.extendedAt(t, zBuffer);
            evaluateAtState(t, zBuffer, s, out);
        }
    }

    /**
     * Evaluates the augmented dynamics at time t with z given explicitly (the first n entries of
     * {@code zData}; for the backsolve layout, {@code s} itself).
     */
    void evaluateAtState(double t, double[] zData, double[] s, double[] out) {
        int aOff = zOfT == null ? n : 0;
        if (raw != null) {
            raw.evaluateVjp(t, n, zData, 0, s, aOff, zOfT == null ? out : null, 0, out, aOff, out, aOff + n, -1.0);
            return;
        }
        Tensor z = Tensor.fromArray(Arrays.copyOfRange(zData, 0, n), shape).requiresGrad(true);
        Tensor a = Tensor.fromArray(Arrays.copyOfRange(s, aOff, aOff + n), shape);
        Tensor[] inputs = new Tensor[1 + params.count()];
        inputs[0] = z;
        System.arraycopy(params.tensors(), 0, inputs, 1, params.count());
        Tensor[][] result = new Tensor[2][];
        Autodiff.enableGrad(() -> {
            Tensor fz = f.apply(t, z);
            result[0] = new Tensor[] {fz};
            result[1] = fz.requiresGrad() ? Autodiff.grad(fz, inputs, a, false, false) : null;
            return null;
        });
        Tensor fz = result[0][0];
        Tensor[] vjp = result[1];
        if (zOfT == null) {
            System.arraycopy(fz.buffer(), 0, out, 0, n);
        }
        int pOff = aOff + n;
        if (vjp == null) {
            Arrays.fill(out, aOff, pOff + params.size(), 0.0);
            return;
        }
        double[] gz = vjp[0].buffer();
        for (int i = 0; i < n; i++) {
            out[aOff + i] = -gz[i];
        }
        for (int k = 0; k < params.count(); k++) {
            double[] gp = vjp[k + 1].buffer();
            int off = pOff + params.offset(k);
            for (int i = 0; i < gp.length; i++) {
                out[off + i] = -gp[i];
            }
        }
    }
}
