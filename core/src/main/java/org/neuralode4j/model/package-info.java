/**
 * Models built on the ODE solvers: {@link org.neuralode4j.model.NeuralOde} (Chen et al. 2018) with
 * optional augmentation (Dupont, Doucet &amp; Teh 2019) and per-sample time grids; vector fields that
 * read exogenous inputs ({@link org.neuralode4j.model.DrivenField}, {@link org.neuralode4j.model.MlpField});
 * grey-box fields mixing user physics with trainable positive constants and a network correction
 * ({@link org.neuralode4j.model.HybridField}, {@link org.neuralode4j.model.PhysicsModel},
 * {@link org.neuralode4j.model.PositiveParameter}); sampled inputs u(t) with hold, linear, cubic
 * spline or monotone interpolation ({@link org.neuralode4j.model.InputSignal}); the kinetic and
 * Jacobian regularizers of Finlay et al. (2020) integrated along the solve
 * ({@link org.neuralode4j.model.Regularizers}); and model files that carry their architecture
 * ({@link org.neuralode4j.model.ModelSpec}, {@link org.neuralode4j.model.SavedModel}).
 *
 * <p>A grey-box fit of a buck converter's L, C and R:
 *
 * <pre>{@code
 * PositiveParameter l = PositiveParameter.of(0.15), c = PositiveParameter.of(0.065), r = PositiveParameter.of(3.5);
 * HybridField field = HybridField.builder(2).inputs(1)
 *         .constant("L", l).constant("C", c).constant("R", r)
 *         .physics((t, z, u) -> {
 *             Tensor i = z.select(-1, 0), v = z.select(-1, 1);
 *             return Tensor.stack(-1, u.select(-1, 0).mul(12.0).sub(v).div(l.value()),
 *                     i.sub(v.div(r.value())).div(c.value()));
 *         }).build();
 * NeuralOde model = NeuralOde.builder(field).gradient(Gradient.ADJOINT).build();
 * Optimizer opt = new Adam(model.parameters(), 0.05);
 * for (int it = 0; it < 300; it++) {
 *     opt.zeroGrad();
 *     Losses.mse(model.forward(z0, times, duty), measured).backward();
 *     opt.step();
 * }
 * }</pre>
 */
package org.neuralode4j.model;
