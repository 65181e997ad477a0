package org.neuralode4j.optim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.neuralode4j.tensor.Shape;
import org.neuralode4j.tensor.Tensor;

/**
 * The bookkeeping every optimizer shares: the parameter list, the learning rate, per-parameter step
 * counts and lazily allocated, named per-parameter buffers, and their export as a state map.
 * Subclasses implement {@link #update}, one elementwise pass over a parameter.
 */
public abstract class AbstractOptimizer implements Optimizer {
    private final String name;
    private final List<Tensor> params;
    private final String[] bufferNames;
    private double lr;
    private long[] steps;
    private double[][][] buffers;

    /**
     * @param name the optimizer's name for messages
     * @param params the parameters (live tensors, not modified here); no duplicates
     * @param lr the initial learning rate
     * @param bufferNames the names of the per-parameter buffers the subclass may use
     */
    protected AbstractOptimizer(String name, List<Tensor> params, double lr, String... bufferNames) {
        this.name = name;
        Map<Tensor, Boolean> seen = new IdentityHashMap<>();
        for (Tensor p : params) {
            if (p == null || seen.put(p, Boolean.TRUE) != null) {
                throw new IllegalArgumentException(name + ": parameters must be distinct, non-null tensors");
            }
        }
        this.params = List.copyOf(params);
        this.bufferNames = bufferNames.clone();
        setLearningRate(lr);
        reset();
    }

    /**
     * Updates one parameter in place.
     *
     * @param index the parameter's position
     * @param param modified: the parameter's elements
     * @param grad the gradient's elements; not modified
     * @param step this parameter's step count, 1 on its first update
     */
    protected abstract void update(int index, double[] param, double[] grad, long step);

    /** Throws unless {@code value} lies in [lo, hi] (or [lo, hi) when {@code openHigh}), naming it. */
    protected final void require(String what, double value, double lo, double hi, boolean openHigh) {
        if (!(value >= lo && (openHigh ? value < hi : value <= hi))) {
            throw new IllegalArgumentException(name + ": invalid " + what + " " + value + "; must be in [" + lo + ", "
                    + hi + (openHigh ? ")" : "]"));
        }
    }

    /** Buffer {@code which} (an index into the buffer names) of parameter {@code index}, zeros when new. */
    protected final double[] buffer(int index, int which) {
        double[] b = buffers[index][which];
        if (b == null) {
            b = new double[params.get(index).numel()];
            buffers[index][which] = b;
        }
        return b;
    }

    /** Whether buffer {@code which} of parameter {@code index} exists yet. */
    protected final boolean hasBuffer(int index, int which) {
        return buffers[index][which] != null;
    }

    /**
     * PyTorch's {@code lerp}: a + w·(b − a) for |w| &lt; 0.5, else b − (b − a)·(1 − w), the form its
     * moment updates ({@code exp_avg.lerp_(grad, 1 - beta1)}) use.
     */
    protected static double lerp(double a, double b, double w) {
        return Math.abs(w) < 0.5 ? a + w * (b - a) : b - (b - a) * (1 - w);
    }

    @Override
    public final void step() {
        for (int i = 0; i < params.size(); i++) {
            Tensor p = params.get(i);
            Tensor g = p.grad();
            if (g == null) {
                continue;
            }
            steps[i]++;
            update(i, p.buffer(), g.buffer(), steps[i]);
        }
    }

    @Override
    public final void zeroGrad() {
        for (Tensor p : params) {
            p.zeroGrad();
        }
    }

    @Override
    public final void reset() {
        steps = new long[params.size()];
        buffers = new double[params.size()][bufferNames.length][];
    }

    @Override
    public final double learningRate() {
        return lr;
    }

    @Override
    public final void setLearningRate(double lr) {
        if (!(lr >= 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException(name + ": invalid learning rate " + lr + "; must be finite and >= 0");
        }
        this.lr = lr;
    }

    @Override
    public final List<Tensor> parameters() {
        return params;
    }

    @Override
    public final Map<String, Tensor> state() {
        LinkedHashMap<String, Tensor> out = new LinkedHashMap<>();
        out.put("lr", Tensor.scalar(lr));
        for (int i = 0; i < params.size(); i++) {
            if (steps[i] == 0) {
                continue;
            }
            out.put("state." + i + ".step", Tensor.scalar(steps[i]));
            for (int k = 0; k < bufferNames.length; k++) {
                if (buffers[i][k] != null) {
                    out.put("state." + i + "." + bufferNames[k], Tensor.fromArray(buffers[i][k], params.get(i).shape()));
                }
            }
        }
        return out;
    }

    @Override
    public final void loadState(Map<String, Tensor> state) {
        List<String> problems = new ArrayList<>();
        Tensor lrT = state.get("lr");
        if (lrT == null || lrT.numel() != 1 || !(lrT.item() >= 0) || Double.isInfinite(lrT.item())) {
            problems.add("'lr' must be present as a single finite value >= 0");
        }
        long[] newSteps = new long[params.size()];
        double[][][] newBuffers = new double[params.size()][bufferNames.length][];
        for (Map.Entry<String, Tensor> e : state.entrySet()) {
            if (!e.getKey().equals("lr")) {
                parseEntry(e.getKey(), e.getValue(), newSteps, newBuffers, problems);
            }
        }
        for (int i = 0; i < params.size(); i++) {
            boolean any = false;
            for (double[] b : newBuffers[i]) {
                any |= b != null;
            }
            if (any && newSteps[i] == 0) {
                problems.add("state." + i + " has buffers but no positive 'step'");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(name + ".loadState: " + String.join("; ", problems));
        }
        lr = lrT.item();
        steps = newSteps;
        buffers = newBuffers;
    }

    private void parseEntry(String key, Tensor value, long[] newSteps, double[][][] newBuffers, List<String> problems) {
        String[] parts = key.split("\\.", 3);
        int index = -1;
        if (parts.length == 3 && parts[0].equals("state")) {
            try {
                index = Integer.parseInt(parts[1]);
            } catch (NumberFormatException ignored) {
                index = -1;
            }
        }
        if (index < 0 || index >= params.size()) {
            problems.add("unexpected key '" + key + "' (expected lr or state.<i>.<name> with i < " + params.size() + ")");
            return;
        }
        if (parts[2].equals("step")) {
            double s = value.numel() == 1 ? value.item() : -1;
            if (!(s >= 0 && s <= 9.007199254740992E15 && s == Math.rint(s))) {
                problems.add("'" + key + "' must be a single non-negative integer");
            } else {
                newSteps[index] = (long) s;
            }
            return;
        }
        int which = Arrays.asList(bufferNames).indexOf(parts[2]);
        if (which < 0) {
            problems.add("unexpected key '" + key + "' (" + name + " buffers: " + String.join(", ", bufferNames) + ")");
        } else if (!Arrays.equals(value.shape(), params.get(index).shape())) {
            problems.add("'" + key + "' has shape " + Shape.format(value.shape()) + " but parameter " + index + " has "
                    + Shape.format(params.get(index).shape()));
        } else {
            newBuffers[index][which] = value.toArray();
        }
    }
}
