package org.neuralode4j.nn;

import java.util.Locale;
import java.util.function.Supplier;
import org.neuralode4j.tensor.Tensor;

/**
 * The elementwise nonlinearities by name, for builders and command-line options:
 * {@code tanh | softplus | relu | elu | gelu | sigmoid | identity}.
 */
public enum Activation {
    /** Hyperbolic tangent. */
    TANH("tanh", 5.0 / 3.0, Tanh::new),
    /** log(1 + e^x), PyTorch's {@code Softplus()} with beta 1 and threshold 20. */
    SOFTPLUS("softplus", 1.0, Softplus::new),
    /** max(x, 0). */
    RELU("relu", Math.sqrt(2.0), ReLU::new),
    /** ELU with alpha 1 (Clevert et al. 2016). */
    ELU("elu", 1.0, ELU::new),
    /** Exact GELU x·Φ(x) (Hendrycks &amp; Gimpel 2016). */
    GELU("gelu", 1.0, GELU::new),
    /** Logistic sigmoid. */
    SIGMOID("sigmoid", 1.0, Sigmoid::new),
    /** The identity (no nonlinearity). */
    IDENTITY("identity", 1.0, Identity::new);

    private final String id;
    private final double gain;
    private final Supplier<Module> factory;

    Activation(String id, double gain, Supplier<Module> factory) {
        this.id = id;
        this.gain = gain;
        this.factory = factory;
    }

    /** The lower-case name used by {@link #fromName}. */
    public String id() {
        return id;
    }

    /**
     * The recommended initialization gain, {@code torch.nn.init.calculate_gain}: 5/3 for tanh, √2 for
     * ReLU, 1 for sigmoid and identity; 1 for softplus, ELU and GELU, which PyTorch does not list.
     */
    public double gain() {
        return gain;
    }

    /** Applies the nonlinearity (recorded like any tensor operation). */
    public Tensor apply(Tensor x) {
        return switch (this) {
            case TANH -> x.tanh();
            case SOFTPLUS -> x.softplus();
            case RELU -> x.relu();
            case ELU -> x.elu();
            case GELU -> x.gelu();
            case SIGMOID -> x.sigmoid();
            case IDENTITY -> x;
        };
    }

    /** A new module applying this nonlinearity, e.g. {@link Tanh}. */
    public Module module() {
        return factory.get();
    }

    /**
     * Looks an activation up by name, ignoring case.
     *
     * @throws IllegalArgumentException listing the valid names
     */
    public static Activation fromName(String name) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (Activation a : values()) {
            if (a.id.equals(key)) {
                return a;
            }
        }
        StringBuilder valid = new StringBuilder();
        for (Activation a : values()) {
            valid.append(valid.length() == 0 ? "" : "|").append(a.id);
        }
        throw new IllegalArgumentException("unknown activation '" + name + "'; expected one of " + valid);
    }
}
