package org.neuralode4j.optim;

import java.util.List;
import java.util.Map;
import org.neuralode4j.tensor.Tensor;

/**
 * Updates parameters in place from their accumulated gradients, after {@code torch.optim} (update
 * rules and defaults) and Tribuo's small optimizer interface ({@code step}, {@code reset}).
 *
 * <p>A typical iteration: {@code opt.zeroGrad(); loss.backward(); opt.step();}. Parameters whose
 * {@code grad()} is {@code null} are skipped by {@link #step()}, as in PyTorch. {@link #state()} and
 * {@link #loadState} capture everything an update depends on besides the hyperparameters given at
 * construction (learning rate, per-parameter step counts and moment buffers), as tensors, so a
 * trainer can write them to a safetensors checkpoint and resume bit for bit.
 */
public interface Optimizer {

    /** Applies one update to every parameter that has a gradient. */
    void step();

    /** Forgets the parameters' gradients ({@code zero_grad(set_to_none=True)}). */
    void zeroGrad();

    /** Forgets all per-parameter state (step counts, moments); the learning rate is kept. */
    void reset();

    /** The current learning rate. */
    double learningRate();

    /**
     * Sets the learning rate (what schedules do).
     *
     * @param lr finite and non-negative
     */
    void setLearningRate(double lr);

    /** The parameters this optimizer updates, in order (live tensors). */
    List<Tensor> parameters();

    /**
     * A copy of the optimizer's state: {@code lr} (0-d), and for every parameter {@code i} that has
     * been updated, {@code state.i.step} (0-d) and its buffers as {@code state.i.<name>} (PyTorch's
     * names: {@code exp_avg}, {@code exp_avg_sq}, {@code momentum_buffer}, …) of the parameter's shape.
     *
     * @return a new map the caller owns
     */
    Map<String, Tensor> state();

    /**
     * Restores a state produced by {@link #state()} of an optimizer of the same kind over parameters
     * of the same shapes.
     *
     * @param state not modified (values are copied)
     * @throws IllegalArgumentException naming unknown keys, missing {@code lr}, or mismatched shapes;
     *                                  the optimizer is unchanged then
     */
    void loadState(Map<String, Tensor> state);
}
