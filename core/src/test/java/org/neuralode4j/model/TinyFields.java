package org.neuralode4j.model;

import org.neuralode4j.nn.Functional;
import org.neuralode4j.nn.Module;
import org.neuralode4j.tensor.Tensor;

/** Small vector fields whose parameters are given tensors, so that gradient checks can vary them. */
final class TinyFields {
    private TinyFields() {
    }

    /** f(t, z) = tanh(z·W1ᵀ + b1)·W2ᵀ · (1 + 0.3 sin t): nonlinear and time-dependent. */
    static final class Tiny extends Module {
        private final Tensor w1;
        private final Tensor b1;
        private final Tensor w2;

        /** @param w1 [H, D], b1 [H], w2 [D, H] (registered: requiresGrad set) */
        Tiny(Tensor w1, Tensor b1, Tensor w2) {
            this.w1 = registerParameter("w1", w1);
            this.b1 = registerParameter("b1", b1);
            this.w2 = registerParameter("w2", w2);
        }

        @Override
        public Tensor forward(Tensor x) {
            return forward(Tensor.scalar(0), x);
        }

        @Override
        public Tensor forward(Tensor t, Tensor z) {
            Tensor h = Functional.linear(z, w1, b1).tanh();
            return Functional.linear(h, w2, null).mul(1 + 0.3 * Math.sin(t.item()));
        }
    }

    /** f(t, z, u) = tanh([z, u]·W1ᵀ + b1)·W2ᵀ: reads the inputs. */
    static final class TinyDriven extends DrivenField {
        private final int inputs;
        private final Tensor w1;
        private final Tensor b1;
        private final Tensor w2;

        /** @param w1 [H, D + U], b1 [H], w2 [D, H] */
        TinyDriven(int inputs, Tensor w1, Tensor b1, Tensor w2) {
            this.inputs = inputs;
            this.w1 = registerParameter("w1", w1);
            this.b1 = registerParameter("b1", b1);
            this.w2 = registerParameter("w2", w2);
        }

        @Override
        public int inputDim() {
            return inputs;
        }

        @Override
        public Tensor forward(Tensor t, Tensor z, Tensor u) {
            checkInputs(z, u);
            Tensor h = Functional.linear(Tensor.cat(-1, z, u), w1, b1).tanh();
            return Functional.linear(h, w2, null);
        }
    }
}
