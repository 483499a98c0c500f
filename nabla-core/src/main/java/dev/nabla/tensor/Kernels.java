package dev.nabla.tensor;

import dev.nabla.DType;
import dev.nabla.DTypeMismatchException;
import dev.nabla.ShapeMismatchException;
import dev.nabla.Tensor;
import dev.nabla.tensor.kernel.DoubleKernels;
import java.util.function.DoubleUnaryOperator;

/**
 * The compute loops behind {@link Tensor}'s ops, on flat arrays with shape, strides and offset.
 * Contiguous float32 operands take tight (vectorizable) loops; everything else goes through a
 * general strided, broadcasting loop. Every result is a fresh contiguous tensor without autograd
 * history; {@link Tensor} attaches the backward rules.
 */
public final class Kernels {
    private Kernels() {}

    /** Throws a {@link DTypeMismatchException} naming the op unless both dtypes agree. */
    public static void checkDType(String op, Tensor a, Tensor b) {
        if (a.dtype() != b.dtype()) {
            throw new DTypeMismatchException(op + ": dtypes " + a.dtype() + " " + Shapes.format(a.shape()) + " and "
                    + b.dtype() + " " + Shapes.format(b.shape()) + " differ; convert one with .to(DType)");
        }
    }

    /** A contiguous row-major copy of any (possibly strided) tensor. */
    public static Tensor contiguousCopy(Tensor t) {
        int n = t.numel();
        Storage out = Storage.allocateUninitialized(t.dtype(), n);
        Storage s = t.storage();
        int[] shape = t.shape();
        if (t.isContiguous()) {
            if (s.f != null) System.arraycopy(s.f, t.offset(), out.f, 0, n);
            else System.arraycopy(s.d, t.offset(), out.d, 0, n);
            return Tensor.wrap(out, shape);
        }
        int nd = shape.length;
        int[] st = t.strides();
        int inner = shape[nd - 1], sInner = st[nd - 1];
        int[] idx = new int[nd];
        int base = t.offset();
        int p = 0;
        for (int o = 0, outer = n / Math.max(inner, 1); o < outer && inner > 0; o++) {
            int src = base;
            if (s.f != null) {
                for (int j = 0; j < inner; j++, src += sInner) out.f[p++] = s.f[src];
            } else {
                for (int j = 0; j < inner; j++, src += sInner) out.d[p++] = s.d[src];
            }
            for (int d = nd - 2; d >= 0; d--) {
                idx[d]++;
                base += st[d];
                if (idx[d] < shape[d]) break;
                base -= st[d] * shape[d];
                idx[d] = 0;
            }
        }
        return Tensor.wrap(out, shape);
    }

    /** Elementwise {@code op(a, b)} with NumPy broadcasting. */
    public static Tensor binary(String name, BinaryOp op, Tensor a, Tensor b) {
        checkDType(name, a, b);
        int[] shape = Shapes.same(a.shape(), b.shape()) ? a.shape() : Shapes.broadcast(name, a.shape(), b.shape());
        int n = Shapes.numel(shape);
        Storage out = Storage.allocateUninitialized(a.dtype(), n);
        Storage sa = a.storage(), sb = b.storage();
        // Fast path 1: same shape, both contiguous.
        if (a.isContiguous() && b.isContiguous() && a.numel() == n && b.numel() == n) {
            int ao = a.offset(), bo = b.offset();
            if (out.f != null) floatLoop(op, sa.f, ao, sb.f, bo, out.f, 0, n);
            else for (int i = 0; i < n; i++) out.d[i] = op.apply(sa.d[ao + i], sb.d[bo + i]);
            return Tensor.wrap(out, shape);
        }
        // Fast path 2: a contiguous with the full shape, b contiguous and equal to a trailing block (bias rows) or a scalar.
        if (a.isContiguous() && a.numel() == n && b.isContiguous() && b.numel() > 0 && n % b.numel() == 0
                && isSuffix(b.shape(), shape)) {
            int m = b.numel();
            if (out.f != null) {
                if (m == 1) {
                    float bv = sb.f[b.offset()];
                    for (int i = 0; i < n; i++) out.f[i] = op.applyFloat(sa.f[a.offset() + i], bv);
                } else {
                    for (int r = 0; r < n; r += m) floatLoop(op, sa.f, a.offset() + r, sb.f, b.offset(), out.f, r, m);
                }
            } else {
                for (int r = 0; r < n; r += m)
                    for (int j = 0; j < m; j++) out.d[r + j] = op.apply(sa.d[a.offset() + r + j], sb.d[b.offset() + j]);
            }
            return Tensor.wrap(out, shape);
        }
        // General strided broadcasting loop.
        int nd = Math.max(shape.length, 1);
        int[] sh = shape.length == 0 ? new int[] {1} : shape;
        int[] as = shape.length == 0 ? new int[] {0} : Shapes.broadcastStrides(a.shape(), a.strides(), shape);
        int[] bs = shape.length == 0 ? new int[] {0} : Shapes.broadcastStrides(b.shape(), b.strides(), shape);
        int inner = sh[nd - 1];
        if (n == 0) return Tensor.wrap(out, shape);
        int sa1 = as[nd - 1], sb1 = bs[nd - 1];
        int[] idx = new int[nd];
        int aBase = a.offset(), bBase = b.offset(), p = 0;
        for (int o = 0, outer = n / inner; o < outer; o++) {
            int ai = aBase, bi = bBase;
            if (out.f != null) {
                for (int j = 0; j < inner; j++, ai += sa1, bi += sb1) out.f[p++] = op.applyFloat(sa.f[ai], sb.f[bi]);
            } else {
                for (int j = 0; j < inner; j++, ai += sa1, bi += sb1) out.d[p++] = op.apply(sa.d[ai], sb.d[bi]);
            }
            for (int d = nd - 2; d >= 0; d--) {
                idx[d]++;
                aBase += as[d];
                bBase += bs[d];
                if (idx[d] < sh[d]) break;
                aBase -= as[d] * sh[d];
                bBase -= bs[d] * sh[d];
                idx[d] = 0;
            }
        }
        return Tensor.wrap(out, shape);
    }

    private static boolean isSuffix(int[] small, int[] big) {
        if (small.length > big.length) return false;
        int off = big.length - small.length;
        boolean seenReal = false;
        for (int i = 0; i < small.length; i++) {
            if (small[i] != big[i + off]) {
                if (small[i] == 1 && !seenReal) continue; // leading ones are fine
                return false;
            }
            seenReal = true;
        }
        return true;
    }

    private static void floatLoop(BinaryOp op, float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
        switch (op) {
            case ADD: dev.nabla.tensor.kernel.FloatKernels.add(a, ao, b, bo, out, oo, n); return;
            case SUB: dev.nabla.tensor.kernel.FloatKernels.sub(a, ao, b, bo, out, oo, n); return;
            case MUL: dev.nabla.tensor.kernel.FloatKernels.mul(a, ao, b, bo, out, oo, n); return;
            case DIV: dev.nabla.tensor.kernel.FloatKernels.div(a, ao, b, bo, out, oo, n); return;
            default:
                for (int i = 0; i < n; i++) out[oo + i] = (float) op.apply(a[ao + i], b[bo + i]);
        }
    }

    /** Elementwise {@code f(a)}, computed in double and rounded to the tensor's dtype. */
    public static Tensor unary(Tensor a, DoubleUnaryOperator f) {
        Tensor c = a.isContiguous() ? a : contiguousCopy(a);
        int n = c.numel();
        Storage out = Storage.allocate(a.dtype(), n);
        Storage s = c.storage();
        int o = c.offset();
        if (out.f != null) for (int i = 0; i < n; i++) out.f[i] = (float) f.applyAsDouble(s.f[o + i]);
        else for (int i = 0; i < n; i++) out.d[i] = f.applyAsDouble(s.d[o + i]);
        return Tensor.wrap(out, a.shape());
    }

    /** Sum over one dimension; the result keeps that dimension with size 1. */
    public static Tensor sumDim(Tensor a, int dim) {
        Tensor c = a.isContiguous() ? a : contiguousCopy(a);
        int[] shape = a.shape();
        int len = shape[dim];
        int inner = 1;
        for (int i = dim + 1; i < shape.length; i++) inner *= shape[i];
        int outer = len == 0 || inner == 0 ? 0 : c.numel() / (len * inner);
        int[] outShape = shape.clone();
        outShape[dim] = 1;
        Storage out = Storage.allocate(a.dtype(), Shapes.numel(outShape));
        Storage s = c.storage();
        int base = c.offset();
        if (outer == 1 && inner > 1 && s.f != null) { // column sums of a (len × inner) matrix, e.g. a bias gradient
            dev.nabla.tensor.kernel.FloatKernels.sumRows(s.f, base, len, inner, out.f, 0);
            return Tensor.wrap(out, outShape);
        }
        for (int o = 0; o < outer; o++) {
            int ob = o * inner;
            for (int l = 0; l < len; l++) {
                int ib = base + (o * len + l) * inner;
                if (out.f != null) {
                    if (inner == 1) out.f[ob] += s.f[ib];
                    else dev.nabla.tensor.kernel.FloatKernels.add(out.f, ob, s.f, ib, out.f, ob, inner);
                } else {
                    for (int i = 0; i < inner; i++) out.d[ob + i] += s.d[ib + i];
                }
            }
        }
        return Tensor.wrap(out, outShape);
    }

    /**
     * Row gather, the copy behind {@code indexSelect} and mini-batch assembly: row {@code i} of {@code dst}
     * (from {@code dstOff}) is row {@code idx[from + i]} of {@code src}, rows being {@code row} elements
     * long, for {@code i < count}. Indices must already be checked. Large gathers are split over
     * {@link Parallel}'s threads (rows are independent, so the result does not depend on the split): the
     * reads are scattered over a large array, and two cores keep twice as many cache misses in flight.
     */
    public static void gatherRows(Storage src, int srcOff, int row, int[] idx, int from, int count, Storage dst, int dstOff) {
        int grain = Math.max(1, GATHER_GRAIN / Math.max(1, row));
        Parallel.forRange(count, grain, (s, e) -> {
            if (src.f != null) {
                for (int i = s; i < e; i++) System.arraycopy(src.f, srcOff + idx[from + i] * row, dst.f, dstOff + i * row, row);
            } else {
                for (int i = s; i < e; i++) System.arraycopy(src.d, srcOff + idx[from + i] * row, dst.d, dstOff + i * row, row);
            }
        });
    }

    /**
     * As {@link #gatherRows} from unsigned bytes: {@code dst[dstOff + i·row + j] = (src[idx[from+i]·row + j] & 0xff) ·
     * scale} (8-bit pixels to float32, e.g. scale 1/255), split over the threads by rows like {@code gatherRows}.
     */
    public static void gatherRowsScaled(byte[] src, int row, int[] idx, int from, int count, float scale, float[] dst, int dstOff) {
        int grain = Math.max(1, GATHER_GRAIN / Math.max(1, row));
        Parallel.forRange(count, grain, (s, e) -> {
            for (int i = s; i < e; i++) {
                dev.nabla.tensor.kernel.FloatKernels.unsignedBytesToFloat(src, idx[from + i] * row, scale, dst, dstOff + i * row, row);
            }
        });
    }

    /** Elements a gather chunk copies at least before {@link #gatherRows} uses a second thread. */
    private static final int GATHER_GRAIN = 1 << 15;

    /** Sum of all elements, accumulated in double in a fixed order. */
    public static double sumAll(Tensor a) {
        Tensor c = a.isContiguous() ? a : contiguousCopy(a);
        Storage s = c.storage();
        int o = c.offset(), n = c.numel();
        return s.f != null ? dev.nabla.tensor.kernel.FloatKernels.sum(s.f, o, n) : DoubleKernels.sum(s.d, o, n);
    }

    /**
     * Max over one dimension: values (dimension kept with size 1) and, in {@code argmax}, the flat index
     * (within the contiguous input) of each winner, for backward.
     */
    public static Tensor maxDim(Tensor a, int dim, int[] argmaxOut, int[] argIndexOut) {
        Tensor c = a.isContiguous() ? a : contiguousCopy(a);
        int[] shape = a.shape();
        int len = shape[dim];
        if (len == 0) throw new IllegalArgumentException("max: dimension " + dim + " of " + Shapes.format(shape) + " is empty");
        int inner = 1;
        for (int i = dim + 1; i < shape.length; i++) inner *= shape[i];
        int outer = c.numel() / (len * inner);
        int[] outShape = shape.clone();
        outShape[dim] = 1;
        Storage out = Storage.allocate(a.dtype(), outer * inner);
        Storage s = c.storage();
        int base = c.offset();
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int best = 0;
                double bv = s.get(base + o * len * inner + i);
                for (int l = 1; l < len; l++) {
                    double v = s.get(base + (o * len + l) * inner + i);
                    if (v > bv || (Double.isNaN(v) && !Double.isNaN(bv))) { bv = v; best = l; }
                }
                out.set(o * inner + i, bv);
                if (argmaxOut != null) argmaxOut[o * inner + i] = (o * len + best) * inner + i;
                if (argIndexOut != null) argIndexOut[o * inner + i] = best;
            }
        }
        return Tensor.wrap(out, outShape);
    }

    /** Softmax (or log-softmax) along {@code dim}, max-shifted so large logits cannot overflow. */
    public static Tensor softmax(Tensor a, int dim, boolean log) {
        Tensor c = a.isContiguous() ? a : contiguousCopy(a);
        int[] shape = a.shape();
        int len = shape[dim];
        int inner = 1;
        for (int i = dim + 1; i < shape.length; i++) inner *= shape[i];
        int outer = len * inner == 0 ? 0 : c.numel() / (len * inner);
        Storage out = Storage.allocate(a.dtype(), c.numel());
        Storage s = c.storage();
        int base = c.offset();
        // Slices are independent, so splitting them over the cores changes no value; it pays from a few thousand
        // elements.
        int rowLen = len * inner;
        final int innerF = inner;
        Parallel.forRange(outer, Math.max(1, EXP_GRAIN / Math.max(1, rowLen)), (o0, o1) -> {
            if (innerF == 1) {
                softmaxRows(s, base, out, o0, o1, len, log);
                return;
            }
            for (int o = o0; o < o1; o++) {
                for (int i = 0; i < innerF; i++) {
                    int start = o * len * innerF + i;
                    double mx = Double.NEGATIVE_INFINITY;
                    for (int l = 0; l < len; l++) mx = Math.max(mx, s.get(base + start + l * innerF));
                    if (mx == Double.NEGATIVE_INFINITY) mx = 0;
                    double sum = 0;
                    for (int l = 0; l < len; l++) sum += Math.exp(s.get(base + start + l * innerF) - mx);
                    double logSum = Math.log(sum);
                    for (int l = 0; l < len; l++) {
                        double z = s.get(base + start + l * innerF) - mx;
                        out.set(start + l * innerF, log ? z - logSum : Math.exp(z) / sum);
                    }
                }
            }
        });
        return Tensor.wrap(out, shape);
    }

    /**
     * Softmax (or log-softmax) of rows [o0, o1) of a contiguous last dimension of length {@code len}: the same
     * float64 operations as the strided loop (z = x − max, the sum of e^z in order, then z − log(sum) or
     * e^z / sum), with the exponentials of a block of rows taken at once by {@link DoubleKernels#expReproducible}
     * (vectorized, within 1 ulp of {@link Math#exp}, the same bits on every JIT tier; MNIST's 128 × 10 cross-entropy
     * forward and backward 28 → 11 µs).
     */
    private static void softmaxRows(Storage s, int base, Storage out, int o0, int o1, int len, boolean log) {
        int rows = Math.max(1, EXP_BLOCK / Math.max(1, len));
        for (int r0 = o0; r0 < o1; r0 += rows) {
            int r1 = Math.min(o1, r0 + rows), cnt = (r1 - r0) * len;
            double[] z = expScratch(2 * cnt);
            for (int o = r0; o < r1; o++) {
                int start = base + o * len, zo = (o - r0) * len;
                double mx = Double.NEGATIVE_INFINITY;
                for (int l = 0; l < len; l++) mx = Math.max(mx, s.get(start + l));
                if (mx == Double.NEGATIVE_INFINITY) mx = 0;
                for (int l = 0; l < len; l++) z[zo + l] = s.get(start + l) - mx;
            }
            DoubleKernels.expReproducible(z, 0, z, cnt, cnt);
            for (int o = r0; o < r1; o++) {
                int zo = (o - r0) * len, oo = o * len;
                double sum = 0;
                for (int l = 0; l < len; l++) sum += z[cnt + zo + l];
                if (log) {
                    double logSum = Math.log(sum);
                    for (int l = 0; l < len; l++) out.set(oo + l, z[zo + l] - logSum);
                } else {
                    for (int l = 0; l < len; l++) out.set(oo + l, z[cnt + zo + l] / sum);
                }
            }
        }
    }

    /**
     * The gradient of softmax cross-entropy with respect to (N, C) logits, from their log-softmax {@code lp}:
     * {@code grad[i][j] = g[i]·e^lp[i][j] − g[i]·[j == y[i]]}, rows split over the cores (same values), the
     * exponentials of a block of rows taken at once as in {@link #softmax}.
     */
    public static Storage crossEntropyGrad(Storage lp, int[] y, Tensor g, int n, int c) {
        Tensor gc = g.contiguous();
        Storage gs = gc.storage();
        int go = gc.offset();
        Storage grad = Storage.allocateUninitialized(lp.dtype(), n * c); // every element is written below
        Parallel.forRange(n, Math.max(1, EXP_GRAIN / Math.max(1, c)), (i0, i1) -> {
            int rows = Math.max(1, EXP_BLOCK / Math.max(1, c));
            for (int r0 = i0; r0 < i1; r0 += rows) {
                int r1 = Math.min(i1, r0 + rows), cnt = (r1 - r0) * c;
                double[] e = expScratch(cnt);
                for (int j = 0; j < cnt; j++) e[j] = lp.get(r0 * c + j);
                DoubleKernels.expReproducible(e, 0, e, 0, cnt);
                for (int i = r0; i < r1; i++) {
                    double gi = gs.get(go + i);
                    int eo = (i - r0) * c;
                    for (int j = 0; j < c; j++) grad.set(i * c + j, gi * e[eo + j]);
                    grad.set(i * c + y[i], grad.get(i * c + y[i]) - gi);
                }
            }
        });
        return grad;
    }

    /** Elements of exp arguments taken per block in {@link #softmax} and {@link #crossEntropyGrad} (L1-sized). */
    static final int EXP_BLOCK = 1024;

    private static final ThreadLocal<double[][]> EXP_SCRATCH = ThreadLocal.withInitial(() -> new double[][] {new double[2 * EXP_BLOCK]});

    /** This thread's float64 scratch array of at least n elements. */
    private static double[] expScratch(int n) {
        double[][] holder = EXP_SCRATCH.get();
        if (holder[0].length < n) holder[0] = new double[n];
        return holder[0];
    }

    /** Elements per thread below which softmax and cross-entropy rows are not split over the cores. */
    public static final int EXP_GRAIN = 512;

    /**
     * 2-D matrix product {@code a (m×k) @ b (k×n)} through {@link Gemm}. An operand that is the transpose
     * view of a contiguous matrix is passed to GEMM as transposed, so no transpose is materialised.
     */
    public static Tensor matmul2d(Tensor a, Tensor b) {
        int m = a.shape()[0], k = a.shape()[1], n = b.shape()[1];
        Storage out = k == 0 ? Storage.allocate(a.dtype(), m * n) : Storage.allocateUninitialized(a.dtype(), m * n);
        matmulInto(a, b, out, 0, m, n, k);
        return Tensor.wrap(out, new int[] {m, n});
    }

    /**
     * Forward of the fused linear op: {@code x @ wt}, plus {@code bias} on every row (when not null), then ReLU
     * (when {@code relu}); x is (m, k), wt is (k, n) (a weight's transposed view, read in place), bias (n). The
     * bias and ReLU are one pass over C right after the GEMM, while C is in cache, with the same float
     * operations as matmul, add and relu in turn: the values are identical to the unfused ops'.
     */
    public static Tensor linear(Tensor x, Tensor wt, Tensor bias, boolean relu) {
        int m = x.shape()[0], k = x.shape()[1], n = wt.shape()[1];
        Storage out = k == 0 ? Storage.allocate(x.dtype(), m * n) : Storage.allocateUninitialized(x.dtype(), m * n);
        matmulInto(x, wt, out, 0, m, n, k);
        if (bias != null || relu) {
            Tensor b = bias == null || bias.isContiguous() ? bias : contiguousCopy(bias);
            int bo = b == null ? 0 : b.offset();
            if (out.f != null) dev.nabla.tensor.kernel.FloatKernels.biasRelu(out.f, 0, b == null ? null : b.storage().f, bo, m, n, relu);
            else dev.nabla.tensor.kernel.DoubleKernels.biasRelu(out.d, 0, b == null ? null : b.storage().d, bo, m, n, relu);
        }
        return Tensor.wrap(out, new int[] {m, n});
    }

    /** Writes {@code a @ b} into {@code out} at {@code outOff} (row-major m×n). */
    public static void matmulInto(Tensor a, Tensor b, Storage out, int outOff, int m, int n, int k) {
        Tensor[] ops = {a, b};
        boolean[] trans = new boolean[2];
        int[] ld = new int[2];
        for (int i = 0; i < 2; i++) {
            Tensor t = ops[i];
            int[] st = t.strides();
            int rows = t.shape()[0], cols = t.shape()[1];
            if (st[1] == 1 && (st[0] >= cols || rows <= 1)) {
                ld[i] = Math.max(st[0], cols);
            } else if (st[0] == 1 && (st[1] >= rows || cols <= 1)) {
                trans[i] = true;
                ld[i] = Math.max(st[1], rows);
            } else {
                ops[i] = contiguousCopy(t);
                ld[i] = cols;
            }
        }
        if (m == 0 || n == 0) return;
        if (k == 0) return; // out already zero
        Storage sa = ops[0].storage(), sb = ops[1].storage();
        if (out.f != null) {
            Gemm.sgemm(trans[0], trans[1], m, n, k, 1f, sa.f, ops[0].offset(), ld[0], sb.f, ops[1].offset(), ld[1], 0f, out.f, outOff, n);
        } else {
            Gemm.dgemm(trans[0], trans[1], m, n, k, 1.0, sa.d, ops[0].offset(), ld[0], sb.d, ops[1].offset(), ld[1], 0.0, out.d, outOff, n);
        }
    }

    /** Shape error for matmul in the form users expect. */
    public static ShapeMismatchException matmulMismatch(int[] a, int[] b, int ka, int kb) {
        return new ShapeMismatchException("matmul: " + Shapes.format(a) + " @ " + Shapes.format(b)
                + ": inner dimensions " + ka + " and " + kb + " differ");
    }

    /** {@code mask != 0 ? a : b} broadcast to {@code shape} (mask already 0/1, same dtype as a). */
    public static Tensor whereSelect(Tensor mask, Tensor a, Tensor b, int[] shape) {
        Tensor m = contiguousCopy(binary("where", BinaryOp.ADD, Tensor.zeros(a.dtype(), shape), mask.to(a.dtype())));
        Tensor av = contiguousCopy(binary("where", BinaryOp.ADD, Tensor.zeros(a.dtype(), shape), a));
        Tensor bv = contiguousCopy(binary("where", BinaryOp.ADD, Tensor.zeros(a.dtype(), shape), b));
        Storage out = Storage.allocate(a.dtype(), m.numel());
        for (int i = 0; i < m.numel(); i++) out.set(i, m.storage().get(i) != 0 ? av.storage().get(i) : bv.storage().get(i));
        return Tensor.wrap(out, shape);
    }

    /**
     * One pass over two same-shape tensors: {@code f(a[i], b[i])}, e.g. a backward rule
     * {@code g · f'(x)} without materialising f'(x).
     */
    public static Tensor map2(String name, Tensor a, Tensor b, java.util.function.DoubleBinaryOperator f) {
        checkDType(name, a, b);
        if (!Shapes.same(a.shape(), b.shape())) {
            throw new ShapeMismatchException(name + ": shapes " + Shapes.format(a.shape()) + " and " + Shapes.format(b.shape()) + " differ");
        }
        Tensor ca = a.isContiguous() ? a : contiguousCopy(a), cb = b.isContiguous() ? b : contiguousCopy(b);
        int n = ca.numel(), ao = ca.offset(), bo = cb.offset();
        Storage out = Storage.allocate(a.dtype(), n);
        Storage sa = ca.storage(), sb = cb.storage();
        if (out.f != null) for (int i = 0; i < n; i++) out.f[i] = (float) f.applyAsDouble(sa.f[ao + i], sb.f[bo + i]);
        else for (int i = 0; i < n; i++) out.d[i] = f.applyAsDouble(sa.d[ao + i], sb.d[bo + i]);
        return Tensor.wrap(out, a.shape());
    }

    /** max(0, x), with a tight float32 loop. */
    public static Tensor relu(Tensor a) {
        if (a.dtype() != DType.FLOAT32) return unary(a, x -> x > 0 ? x : 0 * x);
        Tensor c = a.isContiguous() ? a : contiguousCopy(a);
        int n = c.numel(), o = c.offset();
        Storage out = Storage.allocateUninitialized(DType.FLOAT32, n);
        dev.nabla.tensor.kernel.FloatKernels.relu(c.storage().f, o, out.f, 0, n);
        return Tensor.wrap(out, a.shape());
    }

    /** Whether {@link #reluBackwardInPlace} applies: float32, both contiguous, same shape. */
    public static boolean canReluBackwardInPlace(Tensor g, Tensor x) {
        return x.dtype() == DType.FLOAT32 && g.dtype() == DType.FLOAT32 && g.isContiguous() && x.isContiguous()
                && Shapes.same(g.shape(), x.shape());
    }

    /**
     * {@link #reluBackward} written over g ({@code g = x > 0 ? g : 0}) and returned: for a caller that owns g's
     * buffer ({@code Autograd.mayOverwrite}). Requires {@link #canReluBackwardInPlace}.
     */
    public static Tensor reluBackwardInPlace(Tensor g, Tensor x) {
        if (!canReluBackwardInPlace(g, x)) throw new IllegalArgumentException("relu backward in place: needs contiguous float32 of one shape");
        dev.nabla.tensor.kernel.FloatKernels.reluBackward(g.storage().f, g.offset(), x.storage().f, x.offset(), g.storage().f, g.offset(), x.numel());
        return g;
    }

    /** Backward of ReLU in one pass: {@code x > 0 ? g : 0}. */
    public static Tensor reluBackward(Tensor g, Tensor x) {
        if (x.dtype() != DType.FLOAT32 || !g.isContiguous() || !x.isContiguous() || !Shapes.same(g.shape(), x.shape())) {
            return map2("relu backward", g, x, (gv, xv) -> xv > 0 ? gv : 0);
        }
        int n = x.numel(), go = g.offset(), xo = x.offset();
        Storage out = Storage.allocateUninitialized(DType.FLOAT32, n);
        dev.nabla.tensor.kernel.FloatKernels.reluBackward(g.storage().f, go, x.storage().f, xo, out.f, 0, n);
        return Tensor.wrap(out, x.shape());
    }
}
