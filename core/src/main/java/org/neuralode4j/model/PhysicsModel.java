package org.neuralode4j.model;

import org.neuralode4j.tensor.Tensor;

/**
 * User-written physics dz/dt = g(t, z, u) in {@link Tensor} operations, the known part of a
 * {@link HybridField}. It reads its trainable constants ({@link PositiveParameter}s or plain
 * tensors) registered with the {@link HybridField.Builder}, so that every gradient method
 * differentiates them. For the averaged buck converter with state (i_L, v_C) and duty cycle u:
 *
 * <pre>{@code
 * PositiveParameter l = PositiveParameter.of(0.15), c = PositiveParameter.of(0.07), r = PositiveParameter.of(3.5);
 * PhysicsModel buck = (t, z, u) -> {
 *     Tensor i = z.select(-1, 0), v = z.select(-1, 1);
 *     Tensor di = u.select(-1, 0).mul(12.0).sub(v).div(l.value());      // L di/dt = d·Vin − v
 *     Tensor dv = i.sub(v.div(r.value())).div(c.value());                 // C dv/dt = i − v/R
 *     return Tensor.stack(-1, di, dv);
 * };
 * }</pre>
 */
@FunctionalInterface
public interface PhysicsModel {

    /**
     * The physical rate.
     *
     * @param t the time
     * @param z the state [..., D]; not modified
     * @param u the inputs [..., U], or {@code null} without inputs; not modified
     * @return dz/dt of z's shape
     */
    Tensor rate(double t, Tensor z, Tensor u);
}
