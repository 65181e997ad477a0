package org.neuralode4j.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.neuralode4j.tensor.Shape;
import org.neuralode4j.tensor.Tensor;

/**
 * A differentiable function with named, trainable parameters, after PyTorch's {@code nn.Module}.
 *
 * <p>A parameter is a leaf {@link Tensor} registered under a local name with
 * {@link #registerParameter}; a child module is registered with {@link #registerModule}. Full names
 * are dotted paths, exactly as PyTorch forms them: a {@link Linear} registered as child {@code "0"}
 * of a {@link Sequential} registered as {@code "net"} owns {@code net.0.weight} and
 * {@code net.0.bias}. That is what makes {@link #stateDict()} interchangeable with PyTorch's
 * {@code state_dict()} through safetensors files. There is no separate parameter wrapper type: the
 * tensor already carries {@code requiresGrad} and {@code grad}, and the name belongs to the place
 * where it is registered.
 *
 * <p>Order: {@link #namedParameters()} lists a module's own parameters in registration order, then
 * each child's, depth first in registration order (PyTorch's {@code named_parameters()} order). A
 * tensor registered twice (shared weights) is listed once, under its first name; the state dict
 * lists every name, as PyTorch's does.
 *
 * <p>{@link #forward(Tensor, Tensor)} passes the time to modules that use it ({@link TimeConcat});
 * modules that do not ignore it, so any module is an autonomous or time-dependent vector field.
 *
 * <p>A module is owned by one thread at a time; forward passes read parameters and never modify them.
 */
public abstract class Module {
    private final LinkedHashMap<String, Tensor> parameters = new LinkedHashMap<>();
    private final LinkedHashMap<String, Module> children = new LinkedHashMap<>();

    /** Creates a module without parameters or children. */
    protected Module() {
    }

    /**
     * Applies the module to {@code x} (typically [batch, features]).
     *
     * @param x not modified
     */
    public abstract Tensor forward(Tensor x);

    /**
     * Applies the module at time {@code t}; modules that do not depend on time ignore it (the
     * default), containers pass it on to their children.
     *
     * @param t 0-d (or single-element) time, or one time per row of x; not modified
     * @param x not modified
     */
    public Tensor forward(Tensor t, Tensor x) {
        return forward(x);
    }

    /** {@link #forward(Tensor, Tensor)} at a constant time {@code t}. */
    public final Tensor forward(double t, Tensor x) {
        return forward(Tensor.scalar(t), x);
    }

    // ------------------------------------------------------------------ registration

    /**
     * Registers a leaf tensor as the trainable parameter {@code name} and marks it as requiring
     * gradients (PyTorch's {@code register_parameter}).
     *
     * @param name local name: non-empty, without dots, not yet used by a parameter or child
     * @param value a leaf tensor (modified: {@code requiresGrad(true)})
     * @return {@code value}
     */
    protected final Tensor registerParameter(String name, Tensor value) {
        checkName(name);
        if (value == null || !value.isLeaf()) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": parameter '" + name
                    + "' must be a leaf tensor (not null, not the result of a recorded operation); use detach()");
        }
        parameters.put(name, value.requiresGrad(true));
        return value;
    }

    /**
     * Registers a child module under {@code name}; its parameters appear as {@code name.*}.
     *
     * @param name local name: non-empty, without dots, not yet used by a parameter or child
     * @return {@code child}
     */
    protected final <M extends Module> M registerModule(String name, M child) {
        checkName(name);
        if (child == null || child == this) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": child '" + name + "' must be another module");
        }
        children.put(name, child);
        return child;
    }

    private void checkName(String name) {
        if (name == null || name.isEmpty() || name.indexOf('.') >= 0) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": invalid name '" + name
                    + "': names must be non-empty and contain no '.'");
        }
        if (parameters.containsKey(name) || children.containsKey(name)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": the name '" + name + "' is already used");
        }
    }

    // ------------------------------------------------------------------ parameters

    /**
     * All parameters by full dotted name, each tensor once (the live tensors, not copies).
     *
     * @return a new map the caller owns
     */
    public final LinkedHashMap<String, Tensor> namedParameters() {
        LinkedHashMap<String, Tensor> out = new LinkedHashMap<>();
        Map<Tensor, Boolean> seen = new IdentityHashMap<>();
        collect("", out, seen);
        return out;
    }

    private void collect(String prefix, Map<String, Tensor> out, Map<Tensor, Boolean> seen) {
        for (Map.Entry<String, Tensor> e : parameters.entrySet()) {
            if (seen == null || seen.put(e.getValue(), Boolean.TRUE) == null) {
                out.put(prefix + e.getKey(), e.getValue());
            }
        }
        for (Map.Entry<String, Module> e : children.entrySet()) {
            e.getValue().collect(prefix + e.getKey() + ".", out, seen);
        }
    }

    /** The parameters (live tensors) in {@link #namedParameters()} order: what optimizers take. */
    public final List<Tensor> parameters() {
        return new ArrayList<>(namedParameters().values());
    }

    /** The direct children by local name. */
    public final LinkedHashMap<String, Module> namedChildren() {
        return new LinkedHashMap<>(children);
    }

    /** The number of trainable scalars (shared tensors counted once). */
    public final long parameterCount() {
        long n = 0;
        for (Tensor p : namedParameters().values()) {
            n += p.numel();
        }
        return n;
    }

    /** Forgets every parameter's accumulated gradient (PyTorch's {@code zero_grad(set_to_none=True)}). */
    public final void zeroGrad() {
        for (Tensor p : namedParameters().values()) {
            p.zeroGrad();
        }
    }

    // ------------------------------------------------------------------ state dict

    /**
     * Copies of all parameters by full name, every name included (PyTorch's {@code state_dict()},
     * except that the values are copies the caller owns rather than views).
     */
    public final LinkedHashMap<String, Tensor> stateDict() {
        LinkedHashMap<String, Tensor> live = new LinkedHashMap<>();
        collect("", live, null);
        LinkedHashMap<String, Tensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : live.entrySet()) {
            out.put(e.getKey(), Tensor.fromArray(e.getValue().buffer(), e.getValue().shape()));
        }
        return out;
    }

    /** Names the state dict had that the module lacks, and the reverse. */
    public record LoadResult(List<String> missingKeys, List<String> unexpectedKeys) {
    }

    /**
     * Copies {@code state} into the parameters, strictly: every name must match and every shape
     * agree ({@code load_state_dict(strict=True)}).
     *
     * @param state not modified
     * @throws IllegalArgumentException listing all missing and unexpected names and shape mismatches;
     *                                  nothing is copied then
     */
    public final void loadStateDict(Map<String, Tensor> state) {
        loadStateDict(state, true);
    }

    /**
     * Copies {@code state} into the parameters in place (so optimizers holding the parameters keep
     * working). With {@code strict} false, missing and unexpected names are reported instead of
     * rejected; shape mismatches are always errors, as in PyTorch.
     *
     * @param state not modified
     * @throws IllegalArgumentException naming every problem; nothing is copied then
     */
    public final LoadResult loadStateDict(Map<String, Tensor> state, boolean strict) {
        LinkedHashMap<String, Tensor> live = new LinkedHashMap<>();
        collect("", live, null);
        List<String> missing = new ArrayList<>();
        List<String> unexpected = new ArrayList<>();
        List<String> mismatched = new ArrayList<>();
        for (Map.Entry<String, Tensor> e : live.entrySet()) {
            Tensor v = state.get(e.getKey());
            if (v == null) {
                missing.add(e.getKey());
            } else if (!Arrays.equals(v.shape(), e.getValue().shape())) {
                mismatched.add(mismatch(e.getKey(), v.shape(), e.getValue().shape()));
            }
        }
        for (String k : state.keySet()) {
            if (!live.containsKey(k)) {
                unexpected.add(k);
            }
        }
        if (!mismatched.isEmpty() || (strict && (!missing.isEmpty() || !unexpected.isEmpty()))) {
            StringBuilder sb = new StringBuilder("loadStateDict into ").append(getClass().getSimpleName()).append(':');
            if (strict && !missing.isEmpty()) {
                sb.append(" missing keys ").append(missing).append(';');
            }
            if (strict && !unexpected.isEmpty()) {
                sb.append(" unexpected keys ").append(unexpected).append(';');
            }
            for (String m : mismatched) {
                sb.append(' ').append(m).append(';');
            }
            sb.setLength(sb.length() - 1);
            throw new IllegalArgumentException(sb.toString());
        }
        for (Map.Entry<String, Tensor> e : live.entrySet()) {
            Tensor v = state.get(e.getKey());
            if (v != null) {
                double[] src = v.buffer();
                System.arraycopy(src, 0, e.getValue().buffer(), 0, src.length);
            }
        }
        return new LoadResult(List.copyOf(missing), List.copyOf(unexpected));
    }

    private static String mismatch(String name, int[] given, int[] expected) {
        String s = "shape mismatch for " + name + ": the state dict has " + Shape.format(given)
                + ", the model expects " + Shape.format(expected);
        if (given.length == 2 && expected.length == 2 && given[0] == expected[1] && given[1] == expected[0]) {
            s += " (transposed? weights are [out, in] as in PyTorch)";
        }
        return s;
    }

    // ------------------------------------------------------------------ printing

    /** Extra text shown between the parentheses of {@link #toString()}, e.g. {@code in=2, out=50}. */
    protected String extraRepr() {
        return "";
    }

    /** PyTorch-style tree, e.g. {@code Sequential(\n  (0): Linear(in=2, out=50, bias=true)\n ...)}. */
    @Override
    public String toString() {
        String name = getClass().getSimpleName().isEmpty() ? "Module" : getClass().getSimpleName();
        if (children.isEmpty()) {
            return name + "(" + extraRepr() + ")";
        }
        StringBuilder sb = new StringBuilder(name).append('(');
        if (!extraRepr().isEmpty()) {
            sb.append("\n  ").append(extraRepr());
        }
        for (Map.Entry<String, Module> e : children.entrySet()) {
            sb.append("\n  (").append(e.getKey()).append("): ")
                    .append(e.getValue().toString().replace("\n", "\n  "));
        }
        return sb.append("\n)").toString();
    }
}
