package org.neuralode4j.tensor;

import java.util.Arrays;
import org.neuralode4j.autodiff.Autodiff;

/** Shape operations: reshape, expand, permute, slicing, gathering, concatenation, splitting. */
final class ShapeOps {
    private ShapeOps() {
    }

    static Tensor reshape(Tensor x, int[] newShape) {
        int[] shape = newShape.clone();
        int infer = -1;
        long known = 1;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] == -1) {
                if (infer >= 0) {
                    throw new IllegalArgumentException("reshape: only one dimension may be -1 in " + Shape.format(newShape));
                }
                infer = i;
            } else if (shape[i] < 0) {
                throw new IllegalArgumentException("reshape: negative dimension in " + Shape.format(newShape));
            } else {
                known *= shape[i];
            }
        }
        if (infer >= 0) {
            if (known == 0 || x.numel() % known != 0) {
                throw new IllegalArgumentException("reshape: cannot reshape " + Shape.format(x.shapeRef()) + " ("
                        + x.numel() + " elements) to " + Shape.format(newShape));
            }
            shape[infer] = (int) (x.numel() / known);
        }
        if (Shape.numel(shape) != x.numel()) {
            throw new IllegalArgumentException("reshape: cannot reshape " + Shape.format(x.shapeRef()) + " ("
                    + x.numel() + " elements) to " + Shape.format(newShape) + " (" + Shape.numel(shape) + " elements)");
        }
        if (Arrays.equals(shape, x.shapeRef())) {
            return x;
        }
        Tensor out = new Tensor(shape, x.dataRef());
        if (Autodiff.shouldRecord(x)) {
            int[] original = x.shapeRef();
            Autodiff.record("reshape", out, g -> new Tensor[] {g.reshape(original)}, x);
        }
        return out;
    }

    static Tensor expand(Tensor x, int[] target) {
        int[] shape = x.shapeRef();
        if (Arrays.equals(shape, target)) {
            return x;
        }
        int[] b = Shape.broadcast("expand", shape, target);
        if (!Arrays.equals(b, target)) {
            throw new IllegalArgumentException("expand: shape " + Shape.format(shape) + " cannot be expanded to "
                    + Shape.format(target));
        }
        int[] strides = Shape.broadcastStrides(shape, target);
        double[] xd = x.dataRef();
        double[] out = new double[Shape.numel(target)];
        if (xd.length == 1) {
            Arrays.fill(out, xd[0]);
        } else if (Shape.isSuffix(shape, target)) {
            for (int off = 0; off < out.length; off += xd.length) {
                System.arraycopy(xd, 0, out, off, xd.length);
            }
        } else {
            stridedCopy(xd, strides, target, out);
        }
        Tensor y = new Tensor(target.clone(), out);
        if (Autodiff.shouldRecord(x)) {
            Autodiff.record("expand", y, g -> new Tensor[] {g.sumTo(shape)}, x);
        }
        return y;
    }

    /** out (row-major of {@code shape}) ← src read with {@code strides}. */
    private static void stridedCopy(double[] src, int[] strides, int[] shape, double[] out) {
        int rank = shape.length;
        int[] idx = new int[rank];
        int off = 0;
        for (int i = 0; i < out.length; i++) {
            out[i] = src[off];
            for (int d = rank - 1; d >= 0; d--) {
                idx[d]++;
                off += strides[d];
                if (idx[d] < shape[d]) {
                    break;
                }
                off -= strides[d] * shape[d];
                idx[d] = 0;
            }
        }
    }

    static Tensor permute(Tensor x, int[] perm) {
        int[] shape = x.shapeRef();
        if (perm.length != shape.length) {
            throw new IllegalArgumentException("permute: permutation " + Arrays.toString(perm) + " has " + perm.length
                    + " entries for a tensor of rank " + shape.length);
        }
        int[] p = new int[perm.length];
        boolean[] seen = new boolean[perm.length];
        for (int i = 0; i < perm.length; i++) {
            p[i] = Shape.dim("permute", perm[i], shape.length);
            if (seen[p[i]]) {
                throw new IllegalArgumentException("permute: " + Arrays.toString(perm) + " is not a permutation");
            }
            seen[p[i]] = true;
        }
        int[] srcStrides = Shape.strides(shape);
        int[] outShape = new int[p.length];
        int[] readStrides = new int[p.length];
        int[] inverse = new int[p.length];
        for (int i = 0; i < p.length; i++) {
            outShape[i] = shape[p[i]];
            readStrides[i] = srcStrides[p[i]];
            inverse[p[i]] = i;
        }
        double[] out = new double[x.numel()];
        stridedCopy(x.dataRef(), readStrides, outShape, out);
        Tensor y = new Tensor(outShape, out);
        if (Autodiff.shouldRecord(x)) {
            Autodiff.record("permute", y, g -> new Tensor[] {g.permute(inverse)}, x);
        }
        return y;
    }

    static Tensor transpose(Tensor x, int dim0, int dim1) {
        int rank = x.rank();
        int a = Shape.dim("transpose", dim0, rank);
        int b = Shape.dim("transpose", dim1, rank);
        int[] perm = new int[rank];
        for (int i = 0; i < rank; i++) {
            perm[i] = i;
        }
        perm[a] = b;
        perm[b] = a;
        return permute(x, perm);
    }

    static Tensor unsqueeze(Tensor x, int dim) {
        int[] shape = x.shapeRef();
        int d = Shape.dim("unsqueeze", dim, shape.length + 1);
        int[] out = new int[shape.length + 1];
        for (int i = 0, j = 0; i < out.length; i++) {
            out[i] = i == d ? 1 : shape[j++];
        }
        return reshape(x, out);
    }

    static Tensor squeeze(Tensor x, int dim) {
        int[] shape = x.shapeRef();
        int d = Shape.dim("squeeze", dim, shape.length);
        if (shape[d] != 1) {
            throw new IllegalArgumentException("squeeze: dimension " + dim + " of " + Shape.format(shape)
                    + " has size " + shape[d] + ", not 1");
        }
        int[] out = new int[shape.length - 1];
        for (int i = 0, j = 0; i < shape.length; i++) {
            if (i != d) {
                out[j++] = shape[i];
            }
        }
        return reshape(x, out);
    }

    static Tensor select(Tensor x, int dim, int index) {
        int d = Shape.dim("select", dim, x.rank());
        int size = x.shapeRef()[d];
        int i = index < 0 ? index + size : index;
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("select: index " + index + " is out of range for dimension " + dim
                    + " of size " + size + " in shape " + Shape.format(x.shapeRef()));
        }
        return squeeze(slice(x, d, i, i + 1, 1), d);
    }

    /** Block layout of a tensor around one dimension: outer × size × inner. */
    private record Blocks(int outer, int size, int inner) {
        static Blocks of(int[] shape, int d) {
            int outer = 1;
            int inner = 1;
            for (int i = 0; i < d; i++) {
                outer *= shape[i];
            }
            for (int i = d + 1; i < shape.length; i++) {
                inner *= shape[i];
            }
            return new Blocks(outer, shape[d], inner);
        }
    }

    static int[] sliceIndices(int start, int end, int step) {
        int count = Math.max(0, (end - start + step - 1) / step);
        int[] idx = new int[count];
        for (int i = 0; i < count; i++) {
            idx[i] = start + i * step;
        }
        return idx;
    }

    static Tensor slice(Tensor x, int dim, int start, int end, int step) {
        int d = Shape.dim("slice", dim, x.rank());
        int size = x.shapeRef()[d];
        if (step <= 0) {
            throw new IllegalArgumentException("slice: step " + step + " must be positive");
        }
        int s = start < 0 ? Math.max(0, start + size) : Math.min(start, size);
        int e = end < 0 ? Math.max(0, end + size) : Math.min(end, size);
        if (e < s) {
            e = s;
        }
        return gather("slice", x, d, sliceIndices(s, e, step));
    }

    static Tensor indexSelect(Tensor x, int dim, int[] indices) {
        int d = Shape.dim("indexSelect", dim, x.rank());
        int size = x.shapeRef()[d];
        for (int i : indices) {
            if (i < 0 || i >= size) {
                throw new IndexOutOfBoundsException("indexSelect: index " + i + " is out of range for dimension "
                        + dim + " of size " + size + " in shape " + Shape.format(x.shapeRef()));
            }
        }
        return gather("indexSelect", x, d, indices.clone());
    }

    /** Picks entries {@code indices} (in range) along dimension d. */
    private static Tensor gather(String op, Tensor x, int d, int[] indices) {
        int[] shape = x.shapeRef();
        Blocks bl = Blocks.of(shape, d);
        int[] outShape = shape.clone();
        outShape[d] = indices.length;
        double[] xd = x.dataRef();
        double[] out = new double[bl.outer * indices.length * bl.inner];
        for (int o = 0; o < bl.outer; o++) {
            for (int i = 0; i < indices.length; i++) {
                System.arraycopy(xd, (o * bl.size + indices[i]) * bl.inner, out, (o * indices.length + i) * bl.inner, bl.inner);
            }
        }
        Tensor y = new Tensor(outShape, out);
        if (Autodiff.shouldRecord(x)) {
            Autodiff.record(op, y, g -> new Tensor[] {scatterAdd(g, shape, d, indices)}, x);
        }
        return y;
    }

    /** The adjoint of {@link #gather}: zeros of {@code shape} with g's entries added at {@code indices} along d. */
    static Tensor scatterAdd(Tensor g, int[] shape, int d, int[] indices) {
        Blocks bl = Blocks.of(shape, d);
        double[] gd = g.dataRef();
        double[] out = new double[Shape.numel(shape)];
        for (int o = 0; o < bl.outer; o++) {
            for (int i = 0; i < indices.length; i++) {
                int src = (o * indices.length + i) * bl.inner;
                int dst = (o * bl.size + indices[i]) * bl.inner;
                for (int j = 0; j < bl.inner; j++) {
                    out[dst + j] += gd[src + j];
                }
            }
        }
        Tensor y = new Tensor(shape.clone(), out);
        if (Autodiff.shouldRecord(g)) {
            Autodiff.record("scatterAdd", y, h -> new Tensor[] {gather("gather", h, d, indices)}, g);
        }
        return y;
    }

    static Tensor cat(int dim, Tensor[] tensors) {
        if (tensors.length == 0) {
            throw new IllegalArgumentException("cat: needs at least one tensor");
        }
        int[] first = tensors[0].shapeRef();
        int d = Shape.dim("cat", dim, first.length);
        int total = 0;
        for (int t = 0; t < tensors.length; t++) {
            int[] s = tensors[t].shapeRef();
            boolean ok = s.length == first.length;
            for (int i = 0; ok && i < s.length; i++) {
                ok = i == d || s[i] == first[i];
            }
            if (!ok) {
                throw new IllegalArgumentException("cat: tensor " + t + " has shape " + Shape.format(s)
                        + ", incompatible with tensor 0's " + Shape.format(first) + " along dimension " + dim
                        + " (all dimensions but the joined one must match)");
            }
            total += s[d];
        }
        int[] outShape = first.clone();
        outShape[d] = total;
        Blocks bl = Blocks.of(outShape, d);
        double[] out = new double[Shape.numel(outShape)];
        int[] sizes = new int[tensors.length];
        int offset = 0;
        for (int t = 0; t < tensors.length; t++) {
            int size = tensors[t].shapeRef()[d];
            sizes[t] = size;
            double[] src = tensors[t].dataRef();
            int block = size * bl.inner;
            for (int o = 0; o < bl.outer; o++) {
                System.arraycopy(src, o * block, out, (o * total + offset) * bl.inner, block);
            }
            offset += size;
        }
        Tensor y = new Tensor(outShape, out);
        if (Autodiff.shouldRecord(tensors)) {
            Autodiff.record("cat", y, g -> split(g, d, sizes), tensors);
        }
        return y;
    }

    static Tensor stack(int dim, Tensor[] tensors) {
        if (tensors.length == 0) {
            throw new IllegalArgumentException("stack: needs at least one tensor");
        }
        int[] first = tensors[0].shapeRef();
        int d = Shape.dim("stack", dim, first.length + 1);
        Tensor[] expanded = new Tensor[tensors.length];
        for (int t = 0; t < tensors.length; t++) {
            if (!Arrays.equals(tensors[t].shapeRef(), first)) {
                throw new IllegalArgumentException("stack: tensor " + t + " has shape " + Shape.format(tensors[t].shapeRef())
                        + " but tensor 0 has " + Shape.format(first) + "; stacked tensors must have equal shapes");
            }
            expanded[t] = unsqueeze(tensors[t].detach(), d);
        }
        // one recorded node (not an unsqueeze per tensor plus a cat): the solver stacks its outputs this way
        Tensor y = cat(d, expanded);
        if (Autodiff.shouldRecord(tensors)) {
            Autodiff.record("stack", y, g -> {
                Tensor[] parts = new Tensor[tensors.length];
                for (int t = 0; t < tensors.length; t++) {
                    parts[t] = tensors[t].requiresGrad() ? select(g, d, t) : null;
                }
                return parts;
            }, tensors);
        }
        return y;
    }

    static Tensor[] split(Tensor x, int dim, int[] sizes) {
        int d = Shape.dim("split", dim, x.rank());
        int total = 0;
        for (int s : sizes) {
            if (s < 0) {
                throw new IllegalArgumentException("split: negative size in " + Arrays.toString(sizes));
            }
            total += s;
        }
        if (total != x.shapeRef()[d]) {
            throw new IllegalArgumentException("split: sizes " + Arrays.toString(sizes) + " add up to " + total
                    + " but dimension " + dim + " of " + Shape.format(x.shapeRef()) + " has size " + x.shapeRef()[d]);
        }
        Tensor[] parts = new Tensor[sizes.length];
        int start = 0;
        for (int i = 0; i < sizes.length; i++) {
            parts[i] = slice(x, d, start, start + sizes[i], 1);
            start += sizes[i];
        }
        return parts;
    }

    static Tensor[] chunk(Tensor x, int dim, int size) {
        if (size <= 0) {
            throw new IllegalArgumentException("chunk: size " + size + " must be positive");
        }
        int d = Shape.dim("chunk", dim, x.rank());
        int n = x.shapeRef()[d];
        int count = (n + size - 1) / size;
        int[] sizes = new int[count];
        for (int i = 0; i < count; i++) {
            sizes[i] = Math.min(size, n - i * size);
        }
        return split(x, d, sizes);
    }
}
