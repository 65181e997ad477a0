/**
 * Neural-network modules with PyTorch's names and layouts, so that models and weights move between
 * PyTorch and this library unchanged.
 *
 * <ul>
 *   <li>{@link org.neuralode4j.nn.Module}: named parameters (dotted paths such as
 *       {@code net.0.weight}), state dicts, {@code forward(x)} and {@code forward(t, x)};</li>
 *   <li>{@link org.neuralode4j.nn.Linear} (y = x·Wᵀ + b, weight [out, in]) with the initializers of
 *       {@link org.neuralode4j.nn.Init}; its forward pass is one fused node
 *       ({@link org.neuralode4j.nn.Functional#linear});</li>
 *   <li>activations ({@link org.neuralode4j.nn.Tanh}, {@link org.neuralode4j.nn.ReLU},
 *       {@link org.neuralode4j.nn.Softplus}, {@link org.neuralode4j.nn.ELU},
 *       {@link org.neuralode4j.nn.GELU}, {@link org.neuralode4j.nn.Sigmoid},
 *       {@link org.neuralode4j.nn.Identity}) and their lookup by name,
 *       {@link org.neuralode4j.nn.Activation};</li>
 *   <li>containers and helpers: {@link org.neuralode4j.nn.Sequential},
 *       {@link org.neuralode4j.nn.Mlp}, {@link org.neuralode4j.nn.Lambda},
 *       {@link org.neuralode4j.nn.TimeConcat}.</li>
 * </ul>
 *
 * <p>A {@link org.neuralode4j.nn.Sequential} of linear layers and activations (and
 * {@link org.neuralode4j.nn.SpiralOdeFunc}) runs as one fused operation: raw-array kernels and one
 * autodiff node instead of one per layer, with the same parameters and state dict; as the right-hand
 * side of an ODE ({@link org.neuralode4j.nn.ModuleField}) it also gives the adjoint methods its
 * vector–Jacobian products on raw arrays.
 *
 * <p>The vector field of torchdiffeq's spiral demo (Chen et al. 2018), with the exact parameter
 * names of the PyTorch original ({@code net.0.weight} [50, 2], {@code net.0.bias} [50],
 * {@code net.2.weight} [2, 50], {@code net.2.bias} [2]):
 *
 * <pre>{@code
 * class SpiralField extends Module {
 *     final Sequential net;
 *
 *     SpiralField(RandomGenerator rng) {
 *         net = registerModule("net", new Sequential(
 *                 new Linear(2, 50, Init.normal(0.1), rng), new Tanh(), new Linear(50, 2, Init.normal(0.1), rng)));
 *     }
 *
 *     public Tensor forward(Tensor y) {
 *         return net.forward(y.pow(3));
 *     }
 * }
 * }</pre>
 */
package org.neuralode4j.nn;
