package dev.nabla;

import dev.nabla.autograd.Autograd;
import dev.nabla.autograd.Node;
import dev.nabla.tensor.BinaryOp;
import dev.nabla.tensor.Kernels;
import dev.nabla.tensor.MathFunctions;
import dev.nabla.tensor.Shapes;
import dev.nabla.tensor.Storage;
import dev.nabla.tensor.TensorFormat;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * An n-dimensional array of float32 (default) or float64 numbers that records the ops applied to it
 * so gradients can be computed by reverse-mode autograd — Nabla's {@code torch.Tensor}.
 *
 * <p>A tensor is a view: a flat primitive {@link Storage} plus shape, strides and offset. reshape (of
 * contiguous data), transpose, permute, narrow and select share the storage; elementwise ops broadcast
 * like NumPy. Each differentiable op builds its result and, right beside it, the backward rule that
 * maps the output's gradient to each input's (see ARCHITECTURE.md).
 *
 * <pre>{@code
 * Tensor x = Tensor.of(3.0).requiresGrad(true);
 * Tensor y = x.mul(2).add(1).sigmoid();
 * y.backward();
 * x.grad();  // dy/dx
 * }</pre>
 */
public final class Tensor {
    private final Storage storage;
    private final int[] shape;
    private final int[] strides;
    private final int offset;
    private final int numel;

    private boolean requiresGrad;
    private boolean retainGrad;
    private Tensor grad;
    /** True once {@link #grad()} handed the gradient out (or {@link #setGrad} took it in): zeroGrad may not recycle it. */
    private boolean gradShared;
    private Node gradFn;
    private String name;

    private Tensor(Storage storage, int[] shape, int[] strides, int offset) {
        this.storage = storage;
        this.shape = shape;
        this.strides = strides;
        this.offset = offset;
        this.numel = Shapes.numel(shape);
    }

    // ------------------------------------------------------------------ creation

    /** Internal: wraps a storage as a contiguous tensor of {@code shape} (no copy). */
    public static Tensor wrap(Storage storage, int[] shape) {
        return new Tensor(storage, shape.clone(), Shapes.contiguousStrides(shape), 0);
    }

    /** Internal: a view of {@code storage} with explicit strides and offset. */
    public static Tensor strided(Storage storage, int[] shape, int[] strides, int offset) {
        return new Tensor(storage, shape.clone(), strides.clone(), offset);
    }

    /** A 0-d float32 tensor. */
    public static Tensor scalar(double value) { return scalar(value, DType.FLOAT32); }

    /** A 0-d tensor of the given dtype. */
    public static Tensor scalar(double value, DType dtype) { return full(dtype, value); }

    /** A 1-d float32 tensor of the given values. */
    public static Tensor of(double... values) { return of(DType.FLOAT32, values); }

    /** A 1-d tensor of the given values and dtype. */
    public static Tensor of(DType dtype, double... values) {
        Storage s = Storage.allocate(dtype, values.length);
        for (int i = 0; i < values.length; i++) s.set(i, values[i]);
        return wrap(s, new int[] {values.length});
    }

    /** A 2-d float32 tensor from rows of equal length. */
    public static Tensor of(double[][] rows) { return of(DType.FLOAT32, rows); }

    /** A 2-d tensor from rows of equal length. */
    public static Tensor of(DType dtype, double[][] rows) {
        int r = rows.length, c = r == 0 ? 0 : rows[0].length;
        Storage s = Storage.allocate(dtype, r * c);
        for (int i = 0; i < r; i++) {
            if (rows[i].length != c) {
                throw new ShapeMismatchException("of: row " + i + " has " + rows[i].length + " values, row 0 has " + c);
            }
            for (int j = 0; j < c; j++) s.set(i * c + j, rows[i][j]);
        }
        return wrap(s, new int[] {r, c});
    }

    /** Wraps {@code data} (no copy) as a float32 tensor of {@code shape}. */
    public static Tensor fromArray(float[] data, int... shape) {
        int[] sh = Shapes.checkShape("fromArray", shape);
        if (Shapes.numel(sh) != data.length) {
            throw new ShapeMismatchException("fromArray: " + data.length + " values do not fill shape " + Shapes.format(sh)
                    + " (" + Shapes.numel(sh) + " elements)");
        }
        return wrap(Storage.of(data), sh);
    }

    /** Wraps {@code data} (no copy) as a float64 tensor of {@code shape}. */
    public static Tensor fromArray(double[] data, int... shape) {
        int[] sh = Shapes.checkShape("fromArray", shape);
        if (Shapes.numel(sh) != data.length) {
            throw new ShapeMismatchException("fromArray: " + data.length + " values do not fill shape " + Shapes.format(sh)
                    + " (" + Shapes.numel(sh) + " elements)");
        }
        return wrap(Storage.of(data), sh);
    }

    public static Tensor zeros(int... shape) { return zeros(DType.FLOAT32, shape); }

    public static Tensor zeros(DType dtype, int... shape) {
        int[] sh = Shapes.checkShape("zeros", shape);
        return wrap(Storage.allocate(dtype, Shapes.numel(sh)), sh);
    }

    public static Tensor ones(int... shape) { return full(DType.FLOAT32, 1.0, shape); }

    public static Tensor ones(DType dtype, int... shape) { return full(dtype, 1.0, shape); }

    public static Tensor full(double value, int... shape) { return full(DType.FLOAT32, value, shape); }

    public static Tensor full(DType dtype, double value, int... shape) {
        Tensor t = zeros(dtype, shape);
        if (value != 0) {
            if (t.storage.f != null) Arrays.fill(t.storage.f, (float) value);
            else Arrays.fill(t.storage.d, value);
        }
        return t;
    }

    public static Tensor zerosLike(Tensor t) { return zeros(t.dtype(), t.shape); }

    public static Tensor onesLike(Tensor t) { return ones(t.dtype(), t.shape); }

    /** 0, 1, ..., end-1 as float32. */
    public static Tensor arange(double end) { return arange(0, end, 1); }

    /** start, start+step, ... (exclusive of end), float32, as {@code torch.arange}. */
    public static Tensor arange(double start, double end, double step) {
        if (step == 0) throw new IllegalArgumentException("arange: step must be non-zero");
        int n = (int) Math.max(0, Math.ceil((end - start) / step));
        Storage s = Storage.allocate(DType.FLOAT32, n);
        for (int i = 0; i < n; i++) s.set(i, start + i * step);
        return wrap(s, new int[] {n});
    }

    /** Uniform [0, 1) float32 numbers from {@code rng}. */
    public static Tensor rand(RandomGenerator rng, int... shape) { return rand(rng, DType.FLOAT32, shape); }

    public static Tensor rand(RandomGenerator rng, DType dtype, int... shape) {
        Tensor t = zeros(dtype, shape);
        for (int i = 0; i < t.numel; i++) t.storage.set(i, rng.nextDouble());
        return t;
    }

    /** Uniform [0, 1) float32 numbers from a seeded generator. */
    public static Tensor rand(long seed, int... shape) { return rand(new SplittableRandom(seed), shape); }

    /** Standard normal float32 numbers from {@code rng}. */
    public static Tensor randn(RandomGenerator rng, int... shape) { return randn(rng, DType.FLOAT32, shape); }

    public static Tensor randn(RandomGenerator rng, DType dtype, int... shape) {
        Tensor t = zeros(dtype, shape);
        for (int i = 0; i < t.numel; i++) t.storage.set(i, rng.nextGaussian());
        return t;
    }

    /** Standard normal float32 numbers from a seeded generator. */
    public static Tensor randn(long seed, int... shape) { return randn(new SplittableRandom(seed), shape); }

    // ------------------------------------------------------------------ inspection

    public int[] shape() { return shape.clone(); }

    /** Size of one dimension (negative counts from the end). */
    public int size(int dim) { return shape[Shapes.dim("size", dim, shape.length)]; }

    public int[] strides() { return strides.clone(); }

    public int offset() { return offset; }

    /** Number of dimensions. */
    public int dim() { return shape.length; }

    public int numel() { return numel; }

    public DType dtype() { return storage.dtype(); }

    /** Low-level access to the backing array, for kernels and optimizers; bump its version after in-place writes. */
    public Storage storage() {
        if (storage.isReleased()) throw released();
        return storage;
    }

    private GraphReleasedException released() {
        return new GraphReleasedException("this " + Shapes.format(shape) + " tensor was an intermediate result of a Sequential's "
                + "forward; its memory was reused by a later forward, once backward() had finished with it (as PyTorch frees the "
                + "values a graph saved). Read intermediates before the next forward, or call keepIntermediates(true) on the Sequential");
    }

    /** The storage version, incremented by every in-place write. */
    public int version() { return storage.version(); }

    public boolean isContiguous() {
        int expected = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            if (shape[i] != 1 && strides[i] != expected) return false;
            expected *= shape[i];
        }
        return true;
    }

    /** True for a 2-d view that is the transpose of a contiguous matrix (strides (1, rows)). */
    boolean isTransposedView() {
        return shape.length == 2 && shape[0] > 1 && shape[1] > 1 && strides[0] == 1 && strides[1] == shape[0];
    }

    /** The single value of a one-element tensor. */
    public double item() {
        if (numel != 1) throw new IllegalStateException("item: only a one-element tensor can be converted to a number, got shape " + Shapes.format(shape));
        return storage().get(offset);
    }

    /** The element at the given indices (one per dimension). */
    public double get(int... index) {
        if (index.length != shape.length) {
            throw new IllegalArgumentException("get: " + index.length + " indices for a " + shape.length + "-d tensor " + Shapes.format(shape));
        }
        int p = offset;
        for (int i = 0; i < index.length; i++) {
            int ix = index[i] < 0 ? index[i] + shape[i] : index[i];
            if (ix < 0 || ix >= shape[i]) throw new IndexOutOfBoundsException("get: index " + index[i] + " out of range for dimension " + i + " of size " + shape[i]);
            p += ix * strides[i];
        }
        return storage().get(p);
    }

    /** Row-major copy of the values as floats. */
    public float[] toFloatArray() {
        Tensor c = Kernels.contiguousCopy(this.dtype() == DType.FLOAT32 ? this : this.to(DType.FLOAT32));
        return c.storage.f;
    }

    /** Row-major copy of the values as doubles. */
    public double[] toDoubleArray() {
        Tensor c = Kernels.contiguousCopy(this);
        if (c.storage.d != null) return c.storage.d;
        double[] out = new double[numel];
        for (int i = 0; i < numel; i++) out[i] = c.storage.f[i];
        return out;
    }

    /** An optional label shown by printing and by graph pictures. */
    public String name() { return name; }

    /** Sets the label; returns this. */
    public Tensor name(String name) {
        this.name = name;
        return this;
    }

    @Override public String toString() { return TensorFormat.format(this); }

    // ------------------------------------------------------------------ autograd state

    public boolean requiresGrad() { return requiresGrad; }

    /** Marks a leaf tensor as needing a gradient (or not); returns this, as {@code requires_grad_()}. */
    public Tensor requiresGrad(boolean on) {
        if (gradFn != null && !on) {
            throw new IllegalStateException("requiresGrad: cannot turn off gradients of a non-leaf tensor (use detach())");
        }
        this.requiresGrad = on;
        return this;
    }

    /** The accumulated gradient, or null before any backward (or after zeroGrad). */
    public Tensor grad() {
        if (grad != null) gradShared = true;
        return grad;
    }

    /**
     * Internal: the gradient, for code that reads it during the call and keeps no reference to it (optimizers,
     * finiteness checks). Unlike {@link #grad()} it leaves the buffer free for {@link #zeroGrad()} to recycle.
     */
    public Tensor peekGrad() { return grad; }

    /** Replaces the gradient (null clears it). */
    public void setGrad(Tensor g) {
        if (g != null && !Shapes.same(g.shape, shape)) {
            throw new ShapeMismatchException("setGrad: gradient " + Shapes.format(g.shape) + " does not match tensor " + Shapes.format(shape));
        }
        this.grad = g;
        this.gradShared = g != null;
    }

    /**
     * Clears the gradient (sets it to null, as PyTorch's default {@code set_to_none=True}). A gradient that the
     * backward engine made and nobody was handed (no {@link #grad()} call since) goes back to the
     * {@link dev.nabla.tensor.BufferPool}, so the next backward writes into memory that is still in cache.
     */
    public void zeroGrad() {
        if (grad != null && !gradShared) dev.nabla.tensor.BufferPool.recycle(grad.storage);
        this.grad = null;
        this.gradShared = false;
    }

    /** The node that produced this tensor, or null for a leaf. */
    public Node gradFn() { return gradFn; }

    /** Internal: attaches the producing node (called by {@link Autograd#record}). */
    public void setGradFn(Node node) {
        this.gradFn = node;
        this.requiresGrad = true;
    }

    /** A leaf is a tensor not produced by a recorded op. */
    public boolean isLeaf() { return gradFn == null; }

    /** Keeps the gradient of this non-leaf tensor after backward, as {@code retain_grad()}; returns this. */
    public Tensor retainGrad() {
        this.retainGrad = true;
        return this;
    }

    public boolean retainsGrad() { return retainGrad; }

    /**
     * Internal (engine use): like {@link #accumulateGrad}, but {@code g} is a contiguous buffer that nothing
     * else refers to, so when there is no gradient yet it becomes the gradient without a copy (returns true then).
     */
    public boolean takeGrad(Tensor g) {
        if (grad == null) {
            grad = new Tensor(g.storage, shape.clone(), Shapes.contiguousStrides(shape), 0);
            gradShared = false;
            return true;
        }
        accumulateGrad(g);
        return false;
    }

    /** Internal: adds {@code g} into this tensor's gradient (engine use). */
    public void accumulateGrad(Tensor g) {
        // Always a new tensor, never an in-place add: a gradient someone was handed keeps its values.
        grad = grad == null ? Kernels.contiguousCopy(g) : grad.add(g);
        gradShared = false;
    }

    /** A tensor sharing this one's data with no autograd history. */
    public Tensor detach() { return new Tensor(storage, shape, strides, offset); }

    /** Back-propagates from this scalar (d self/d self = 1). */
    public void backward() {
        if (numel != 1) {
            throw new IllegalStateException("backward: grad can be implicitly created only for scalar outputs, but this tensor has shape "
                    + Shapes.format(shape) + "; call backward(gradient) with a gradient of that shape");
        }
        backward(onesLike(this), false);
    }

    /** Back-propagates {@code gradient} (same shape as this tensor). */
    public void backward(Tensor gradient) { backward(gradient, false); }

    /** Back-propagates {@code gradient}; with {@code retainGraph} the graph can be walked again. */
    public void backward(Tensor gradient, boolean retainGraph) {
        if (!Shapes.same(gradient.shape, shape)) {
            throw new ShapeMismatchException("backward: gradient shape " + Shapes.format(gradient.shape)
                    + " does not match tensor shape " + Shapes.format(shape));
        }
        Kernels.checkDType("backward", this, gradient);
        Autograd.backward(this, gradient, retainGraph, null);
    }

    // ------------------------------------------------------------------ helpers

    private Tensor like(double v) { return scalar(v, dtype()); }

    private static Tensor record(Tensor out, String op, String formula, dev.nabla.autograd.BackwardFunction fn, Tensor... inputs) {
        return Autograd.record(out, op, formula, fn, inputs);
    }

    /** Sums {@code g} down to {@code target} shape: the backward of broadcasting. */
    public static Tensor sumToShape(Tensor g, int[] target) {
        if (Shapes.same(g.shape, target)) return g;
        Tensor r = g;
        int lead = g.shape.length - target.length;
        for (int i = 0; i < lead; i++) r = Kernels.sumDim(r, 0).squeezeRaw(0);
        for (int i = 0; i < target.length; i++) {
            if (target[i] == 1 && r.shape[i] != 1) r = Kernels.sumDim(r, i);
        }
        return r;
    }

    private Tensor squeezeRaw(int dim) {
        int[] ns = new int[shape.length - 1];
        int[] nst = new int[shape.length - 1];
        for (int i = 0, j = 0; i < shape.length; i++) {
            if (i == dim) continue;
            ns[j] = shape[i];
            nst[j++] = strides[i];
        }
        return new Tensor(storage, ns, nst, offset);
    }

    // ------------------------------------------------------------------ elementwise binary

    public Tensor add(Tensor other) {
        Tensor a = this, b = other;
        Tensor out = Kernels.binary("add", BinaryOp.ADD, a, b);
        return record(out, "add", "a + b", g -> new Tensor[] {sumToShape(g, a.shape), sumToShape(g, b.shape)}, a, b);
    }

    public Tensor add(double s) { return add(like(s)); }

    public Tensor sub(Tensor other) {
        Tensor a = this, b = other;
        Tensor out = Kernels.binary("sub", BinaryOp.SUB, a, b);
        return record(out, "sub", "a - b", g -> new Tensor[] {sumToShape(g, a.shape), b.requiresGrad ? sumToShape(g.neg(), b.shape) : null}, a, b);
    }

    public Tensor sub(double s) { return sub(like(s)); }

    /** {@code s - this}. */
    public Tensor rsub(double s) { return like(s).sub(this); }

    public Tensor mul(Tensor other) {
        Tensor a = this, b = other;
        Tensor out = Kernels.binary("mul", BinaryOp.MUL, a, b);
        return record(out, "mul", "a * b", g -> new Tensor[] {
                a.requiresGrad ? sumToShape(g.mul(b), a.shape) : null,
                b.requiresGrad ? sumToShape(g.mul(a), b.shape) : null}, a, b);
    }

    public Tensor mul(double s) { return mul(like(s)); }

    public Tensor div(Tensor other) {
        Tensor a = this, b = other;
        Tensor out = Kernels.binary("div", BinaryOp.DIV, a, b);
        return record(out, "div", "a / b", g -> new Tensor[] {
                a.requiresGrad ? sumToShape(g.div(b), a.shape) : null,
                b.requiresGrad ? sumToShape(g.mul(a).div(b.mul(b)).neg(), b.shape) : null}, a, b);
    }

    public Tensor div(double s) { return div(like(s)); }

    /** Elementwise maximum (gradient to the larger; ties split evenly as PyTorch does). */
    public Tensor maximum(Tensor other) {
        Tensor a = this, b = other;
        Tensor out = Kernels.binary("maximum", BinaryOp.MAX, a, b);
        return record(out, "maximum", "max(a, b)", g -> {
            Tensor wa = Kernels.binary("maximum", BinaryOp.GT, a, b).add(Kernels.binary("maximum", BinaryOp.EQ, a, b).mul(0.5));
            return new Tensor[] {sumToShape(g.mul(wa), a.shape), sumToShape(g.mul(wa.rsub(1)), b.shape)};
        }, a, b);
    }

    /** {@code this ^ exponent} for a constant exponent. */
    public Tensor pow(double exponent) {
        Tensor a = this;
        Tensor out = Kernels.unary(a, x -> Math.pow(x, exponent));
        return record(out, "pow", "x^" + TensorFormat.number(exponent), g ->
                new Tensor[] {g.mul(Kernels.unary(a, x -> exponent * Math.pow(x, exponent - 1)))}, a);
    }

    // ------------------------------------------------------------------ comparisons (no gradient)

    /** 1 where this &gt; other, else 0 (same dtype; not differentiable). */
    public Tensor gt(Tensor other) { return Kernels.binary("gt", BinaryOp.GT, this, other); }

    public Tensor gt(double s) { return gt(like(s)); }

    public Tensor lt(Tensor other) { return Kernels.binary("lt", BinaryOp.LT, this, other); }

    public Tensor lt(double s) { return lt(like(s)); }

    public Tensor eq(Tensor other) { return Kernels.binary("eq", BinaryOp.EQ, this, other); }

    public Tensor eq(double s) { return eq(like(s)); }

    // ------------------------------------------------------------------ elementwise unary

    public Tensor neg() {
        Tensor a = this;
        return record(Kernels.unary(a, x -> -x), "neg", "-x", g -> new Tensor[] {g.neg()}, a);
    }

    public Tensor exp() {
        Tensor a = this;
        Tensor out = Kernels.unary(a, Math::exp);
        return record(out, "exp", "e^x", g -> new Tensor[] {g.mul(out)}, a);
    }

    public Tensor log() {
        Tensor a = this;
        return record(Kernels.unary(a, Math::log), "log", "ln x", g -> new Tensor[] {g.div(a)}, a);
    }

    public Tensor sqrt() {
        Tensor a = this;
        Tensor out = Kernels.unary(a, Math::sqrt);
        return record(out, "sqrt", "√x", g -> new Tensor[] {g.div(out.mul(2))}, a);
    }

    public Tensor abs() {
        Tensor a = this;
        return record(Kernels.unary(a, Math::abs), "abs", "|x|", g -> new Tensor[] {g.mul(Kernels.unary(a, Math::signum))}, a);
    }

    public Tensor tanh() {
        Tensor a = this;
        Tensor out = Kernels.unary(a, Math::tanh);
        return record(out, "tanh", "tanh(x)", g -> new Tensor[] {Kernels.map2("tanh backward", g, out, (gv, y) -> gv * (1 - y * y))}, a);
    }

    public Tensor sigmoid() {
        Tensor a = this;
        Tensor out = Kernels.unary(a, MathFunctions::sigmoid);
        return record(out, "sigmoid", "σ(x) = 1/(1+e^-x)", g -> new Tensor[] {Kernels.map2("sigmoid backward", g, out, (gv, y) -> gv * (y * (1 - y)))}, a);
    }

    public Tensor relu() {
        Tensor a = this;
        Tensor out = Kernels.relu(a);
        return record(out, "relu", "max(0, x)", g -> new Tensor[] {Kernels.reluBackward(g, a)}, a);
    }

    /** {@code x} for x &gt; 0, else {@code slope·x}. */
    public Tensor leakyRelu(double slope) {
        Tensor a = this;
        Tensor out = Kernels.unary(a, x -> x > 0 ? x : slope * x);
        return record(out, "leakyRelu", "x > 0 ? x : " + TensorFormat.number(slope) + "·x",
                g -> new Tensor[] {Kernels.map2("leakyRelu backward", g, a, (gv, x) -> x > 0 ? gv : slope * gv)}, a);
    }

    /** GELU, exact form {@code x·Φ(x)} with the Gaussian CDF, as PyTorch's default. */
    public Tensor gelu() {
        Tensor a = this;
        Tensor out = Kernels.unary(a, MathFunctions::gelu);
        return record(out, "gelu", "x·Φ(x)", g -> new Tensor[] {Kernels.map2("gelu backward", g, a, (gv, x) -> gv * MathFunctions.geluDerivative(x))}, a);
    }

    /** Limits every element to [min, max] (gradient 1 inside, 0 where clamped). */
    public Tensor clamp(double min, double max) {
        if (min > max) throw new IllegalArgumentException("clamp: min " + min + " > max " + max);
        Tensor a = this;
        Tensor out = Kernels.unary(a, x -> x < min ? min : (x > max ? max : x));
        return record(out, "clamp", "clamp(x, " + TensorFormat.number(min) + ", " + TensorFormat.number(max) + ")",
                g -> new Tensor[] {Kernels.map2("clamp backward", g, a, (gv, x) -> x >= min && x <= max ? gv : 0)}, a);
    }

    /** Elementwise choice: {@code cond != 0 ? a : b}, broadcasting all three. */
    public static Tensor where(Tensor cond, Tensor a, Tensor b) {
        Tensor mask = cond.ne0();
        Kernels.checkDType("where", a, b);
        int[] shape = Shapes.broadcast("where", Shapes.broadcast("where", cond.shape, a.shape), b.shape);
        Tensor out = Kernels.whereSelect(mask, a, b, shape);
        Tensor m = mask;
        return record(out, "where", "cond ? a : b", g -> new Tensor[] {
                sumToShape(Kernels.whereSelect(m, g, zerosLike(g), g.shape), a.shape),
                sumToShape(Kernels.whereSelect(m, zerosLike(g), g, g.shape), b.shape)}, a, b);
    }

    private Tensor ne0() { return Kernels.unary(this, x -> x != 0 ? 1 : 0); }

    // ------------------------------------------------------------------ reductions

    /** Sum of all elements, a 0-d tensor. */
    public Tensor sum() {
        Tensor a = this;
        Tensor out = scalar(Kernels.sumAll(a), dtype());
        return record(out, "sum", "Σ x", g -> new Tensor[] {full(a.dtype(), g.item(), a.shape)}, a);
    }

    /** Sum over {@code dim}; {@code keepDim} keeps it with size 1. */
    public Tensor sum(int dim, boolean keepDim) {
        Tensor a = this;
        int d = Shapes.dim("sum", dim, shape.length);
        Tensor kept = Kernels.sumDim(a, d);
        Tensor out = keepDim ? kept : kept.squeezeRaw(d);
        int[] keptShape = kept.shape;
        return record(out, "sum", "Σ over dim " + d, g -> new Tensor[] {expandTo(g.reshapeRaw(keptShape), a.shape)}, a);
    }

    /** Mean of all elements. */
    public Tensor mean() {
        if (numel == 0) throw new IllegalStateException("mean: tensor is empty");
        return sum().div(numel);
    }

    /** Mean over {@code dim}. */
    public Tensor mean(int dim, boolean keepDim) {
        int d = Shapes.dim("mean", dim, shape.length);
        return sum(d, keepDim).div(shape[d]);
    }

    /** Largest element (gradient to its first occurrence). */
    public Tensor max() { return reshape(numel).max(0, false); }

    /** Max over {@code dim} (gradient flows to the winning element). */
    public Tensor max(int dim, boolean keepDim) {
        Tensor a = this;
        int d = Shapes.dim("max", dim, shape.length);
        int[] arg = new int[numel / Math.max(shape.length == 0 ? 1 : shape[d], 1)];
        Tensor kept = Kernels.maxDim(a, d, arg, null);
        Tensor out = keepDim ? kept : kept.squeezeRaw(d);
        return record(out, "max", "max over dim " + d, g -> {
            Tensor gc = Kernels.contiguousCopy(g);
            Tensor r = zeros(a.dtype(), a.shape);
            for (int i = 0; i < arg.length; i++) r.storage.set(arg[i], gc.storage.get(i));
            return new Tensor[] {r};
        }, a);
    }

    /** Index of the max along {@code dim}, as a float tensor of indices (not differentiable). */
    public Tensor argmax(int dim) {
        int d = Shapes.dim("argmax", dim, shape.length);
        int[] idx = new int[numel / Math.max(shape[d], 1)];
        Tensor kept = Kernels.maxDim(this, d, null, idx);
        Tensor out = zeros(dtype(), kept.squeezeRaw(d).shape);
        for (int i = 0; i < idx.length; i++) out.storage.set(i, idx[i]);
        return out;
    }

    /** Softmax along {@code dim} (max-shifted, stable for large logits). */
    public Tensor softmax(int dim) {
        Tensor a = this;
        int d = Shapes.dim("softmax", dim, shape.length);
        Tensor out = Kernels.softmax(a, d, false);
        return record(out, "softmax", "e^x_i / Σ_j e^x_j", g -> {
            Tensor gy = g.mul(out);
            return new Tensor[] {gy.sub(out.mul(gy.sum(d, true)))};
        }, a);
    }

    /** log(softmax) along {@code dim}, computed as x − logsumexp(x) so it never overflows. */
    public Tensor logSoftmax(int dim) {
        Tensor a = this;
        int d = Shapes.dim("logSoftmax", dim, shape.length);
        Tensor out = Kernels.softmax(a, d, true);
        return record(out, "logSoftmax", "x_i − log Σ_j e^x_j", g ->
                new Tensor[] {g.sub(out.exp().mul(g.sum(d, true)))}, a);
    }

    // ------------------------------------------------------------------ matmul

    /**
     * Matrix product with PyTorch's rules: 2-d @ 2-d; 1-d operands are promoted to a row/column and
     * the added dimension removed; more dimensions are batched with broadcasting of the batch dims.
     */
    public Tensor matmul(Tensor other) {
        Kernels.checkDType("matmul", this, other);
        if (shape.length == 0 || other.shape.length == 0) {
            throw new ShapeMismatchException("matmul: both arguments need at least 1 dimension, got " + Shapes.format(shape) + " @ " + Shapes.format(other.shape));
        }
        if (shape.length == 1 && other.shape.length == 1) return unsqueeze(0).matmul(other.unsqueeze(1)).reshape();
        if (shape.length == 1) {
            if (shape[0] != other.shape[other.shape.length - 2]) throw Kernels.matmulMismatch(shape, other.shape, shape[0], other.shape[other.shape.length - 2]);
            return unsqueeze(0).matmul(other).squeeze(-2);
        }
        if (other.shape.length == 1) {
            if (shape[shape.length - 1] != other.shape[0]) throw Kernels.matmulMismatch(shape, other.shape, shape[shape.length - 1], other.shape[0]);
            return matmul(other.unsqueeze(1)).squeeze(-1);
        }
        int ka = shape[shape.length - 1], kb = other.shape[other.shape.length - 2];
        if (ka != kb) throw Kernels.matmulMismatch(shape, other.shape, ka, kb);
        Tensor a = this, b = other;
        if (shape.length == 2 && other.shape.length == 2) {
            Tensor out = Kernels.matmul2d(a, b);
            // An operand that is a transposed view (a Linear's Wᵀ) gets its gradient in the same transposed
            // layout, (gᵀ·a)ᵀ instead of aᵀ·g, so the permute's backward hands W a contiguous gradient.
            return record(out, "matmul", "a @ b", g -> new Tensor[] {
                    a.requiresGrad ? (a.isTransposedView() ? Kernels.matmul2d(b, g.t()).t() : Kernels.matmul2d(g, b.t())) : null,
                    b.requiresGrad ? (b.isTransposedView() ? Kernels.matmul2d(g.t(), a).t() : Kernels.matmul2d(a.t(), g)) : null}, a, b);
        }
        Tensor out = dev.nabla.tensor.BatchedMatmul.forward(a, b);
        return record(out, "matmul", "a @ b", g -> new Tensor[] {
                a.requiresGrad ? sumToShape(dev.nabla.tensor.BatchedMatmul.forward(g, b.transpose(-1, -2)), a.shape) : null,
                b.requiresGrad ? sumToShape(dev.nabla.tensor.BatchedMatmul.forward(a.transpose(-1, -2), g), b.shape) : null}, a, b);
    }

    /**
     * {@code x·Wᵀ + b} as one op, as {@code torch.nn.functional.linear}: this (*, in), {@code weight} (out, in),
     * {@code bias} (out) or null; the result is (*, out). One autograd node instead of matmul and add: no
     * (batch, out) intermediate is allocated, and the bias is added while the GEMM's output is in cache. Its
     * backward gives ∂x = g·W, ∂W = gᵀ·x (in W's own layout) and ∂b = column sums of g. Values are identical
     * to {@code matmul(weight.t()).add(bias)}.
     */
    public Tensor linear(Tensor weight, Tensor bias) { return linear(weight, bias, false); }

    /**
     * {@code relu(x·Wᵀ + b)} as one op ({@link #linear} followed by {@link #relu}, fused): the pre-activation
     * is never stored, and the backward masks g by {@code output > 0}. Values and gradients are identical to the
     * two ops in turn.
     */
    public Tensor linearRelu(Tensor weight, Tensor bias) { return linear(weight, bias, true); }

    private Tensor linear(Tensor weight, Tensor bias, boolean relu) {
        String op = relu ? "linearRelu" : "linear";
        if (weight.shape.length != 2) {
            throw new ShapeMismatchException(op + ": weight must be 2-d (out, in), got " + Shapes.format(weight.shape));
        }
        int in = weight.shape[1], outF = weight.shape[0];
        if (shape.length == 0 || shape[shape.length - 1] != in) {
            throw new ShapeMismatchException(op + ": input " + Shapes.format(shape) + " and weight " + Shapes.format(weight.shape)
                    + ": the input must end in " + in + " features");
        }
        if (bias != null && (bias.shape.length != 1 || bias.shape[0] != outF)) {
            throw new ShapeMismatchException(op + ": bias " + Shapes.format(bias.shape) + " does not match weight "
                    + Shapes.format(weight.shape) + ": expected " + Shapes.format(new int[] {outF}));
        }
        Kernels.checkDType(op, this, weight);
        if (bias != null) Kernels.checkDType(op, this, bias);
        if (shape.length != 2) { // (in) or (..., in): through a 2-d view, as PyTorch flattens the leading dims
            Tensor x2 = shape.length == 1 ? unsqueeze(0) : reshape(-1, in);
            int[] os = shape.clone();
            os[os.length - 1] = outF;
            return x2.linear(weight, bias, relu).reshape(os);
        }
        Tensor x = this, w = weight, b = bias;
        Tensor out = Kernels.linear(x, w.permuteRaw(new int[] {1, 0}), b, relu);
        int outVersion = out.version();
        Tensor[] inputs = b == null ? new Tensor[] {x, w} : new Tensor[] {x, w, b};
        return record(out, op, relu ? "max(0, x @ Wᵀ + b)" : "x @ Wᵀ + b", g -> {
            if (relu && out.version() != outVersion) {
                throw new InPlaceModificationException(op + ": its output " + Shapes.format(out.shape)
                        + " was modified by an in-place operation before backward (the ReLU mask is read from it); use a copy instead");
            }
            // The masked gradient: written over g when the engine says nothing else can see g (it recycles g
            // afterwards), else into a temporary that this closure recycles. Same values either way.
            boolean overwrite = relu && Autograd.mayOverwrite(g) && Kernels.canReluBackwardInPlace(g, out);
            Tensor gz = !relu ? g : overwrite ? Kernels.reluBackwardInPlace(g, out) : Kernels.reluBackward(g, out);
            Tensor[] grads = new Tensor[inputs.length];
            if (x.requiresGrad) grads[0] = Kernels.matmul2d(gz, w);
            if (w.requiresGrad) grads[1] = Kernels.matmul2d(gz.t(), x);
            if (b != null && b.requiresGrad) grads[2] = Kernels.sumDim(gz, 0).reshapeRaw(b.shape);
            if (relu && !overwrite) dev.nabla.tensor.BufferPool.recycle(gz.storage()); // this closure's own temporary
            return grads;
        }, inputs);
    }

    // ------------------------------------------------------------------ views and shape ops

    /** Same data with a new shape (one dimension may be -1). A view when the data is contiguous. */
    public Tensor reshape(int... newShape) {
        int[] ns = inferShape(newShape);
        Tensor a = this;
        Tensor out = reshapeRaw(ns);
        return record(out, "reshape", "reshape " + Shapes.format(ns), g -> new Tensor[] {g.reshapeRaw(a.shape)}, a);
    }

    /** Alias of {@link #reshape}, as {@code view} in PyTorch (requires nothing about contiguity here). */
    public Tensor view(int... newShape) { return reshape(newShape); }

    /** All dimensions flattened into one. */
    public Tensor flatten() { return reshape(numel); }

    private int[] inferShape(int[] newShape) {
        int[] ns = newShape.clone();
        int infer = -1;
        long known = 1;
        for (int i = 0; i < ns.length; i++) {
            if (ns[i] == -1) {
                if (infer >= 0) throw new IllegalArgumentException("reshape: only one dimension can be -1, got " + Arrays.toString(newShape));
                infer = i;
            } else if (ns[i] < 0) {
                throw new IllegalArgumentException("reshape: invalid dimension " + ns[i] + " in " + Arrays.toString(newShape));
            } else {
                known *= ns[i];
            }
        }
        if (infer >= 0) {
            if (known == 0 || numel % known != 0) throw new ShapeMismatchException("reshape: cannot reshape " + Shapes.format(shape) + " (" + numel + " elements) into " + Arrays.toString(newShape));
            ns[infer] = (int) (numel / known);
        }
        if (Shapes.numel(ns) != numel) {
            throw new ShapeMismatchException("reshape: cannot reshape " + Shapes.format(shape) + " (" + numel + " elements) into " + Shapes.format(ns));
        }
        return ns;
    }

    private Tensor reshapeRaw(int[] ns) {
        if (isContiguous()) return new Tensor(storage, ns.clone(), Shapes.contiguousStrides(ns), offset);
        Tensor c = Kernels.contiguousCopy(this);
        return new Tensor(c.storage, ns.clone(), Shapes.contiguousStrides(ns), 0);
    }

    private static Tensor expandTo(Tensor g, int[] target) {
        return Kernels.binary("expand", BinaryOp.ADD, zeros(g.dtype(), target), g);
    }

    /** Swaps two dimensions (a view). */
    public Tensor transpose(int dim0, int dim1) {
        int n = shape.length;
        int d0 = Shapes.dim("transpose", dim0, n), d1 = Shapes.dim("transpose", dim1, n);
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) perm[i] = i;
        perm[d0] = d1;
        perm[d1] = d0;
        return permute(perm);
    }

    /** Transpose of a 2-d tensor (a view); 0-d and 1-d tensors are returned as is. */
    public Tensor t() {
        if (shape.length > 2) throw new IllegalArgumentException("t: expects a tensor with <= 2 dimensions, got " + Shapes.format(shape) + "; use transpose(dim0, dim1)");
        return shape.length < 2 ? this : transpose(0, 1);
    }

    /** Reorders dimensions (a view). */
    public Tensor permute(int... dims) {
        int n = shape.length;
        if (dims.length != n) throw new IllegalArgumentException("permute: " + dims.length + " dims given for a " + n + "-d tensor " + Shapes.format(shape));
        int[] ns = new int[n], nst = new int[n], inv = new int[n];
        boolean[] seen = new boolean[n];
        for (int i = 0; i < n; i++) {
            int d = Shapes.dim("permute", dims[i], n);
            if (seen[d]) throw new IllegalArgumentException("permute: dimension " + d + " repeated in " + Arrays.toString(dims));
            seen[d] = true;
            ns[i] = shape[d];
            nst[i] = strides[d];
            inv[d] = i;
        }
        Tensor out = new Tensor(storage, ns, nst, offset);
        return record(out, "permute", "permute " + Arrays.toString(dims), g -> new Tensor[] {g.permuteRaw(inv)}, this);
    }

    private Tensor permuteRaw(int[] dims) {
        int n = shape.length;
        int[] ns = new int[n], nst = new int[n];
        for (int i = 0; i < n; i++) {
            ns[i] = shape[dims[i]];
            nst[i] = strides[dims[i]];
        }
        return new Tensor(storage, ns, nst, offset);
    }

    /** Inserts a dimension of size 1 at {@code dim}. */
    public Tensor unsqueeze(int dim) {
        int d = dim < 0 ? dim + shape.length + 1 : dim;
        if (d < 0 || d > shape.length) throw new IllegalArgumentException("unsqueeze: dimension " + dim + " out of range for a " + shape.length + "-d tensor");
        int[] ns = new int[shape.length + 1];
        for (int i = 0, j = 0; i < ns.length; i++) ns[i] = i == d ? 1 : shape[j++];
        return reshape(ns);
    }

    /** Removes dimension {@code dim} if it has size 1. */
    public Tensor squeeze(int dim) {
        int d = Shapes.dim("squeeze", dim, shape.length);
        if (shape[d] != 1) return this;
        int[] ns = new int[shape.length - 1];
        for (int i = 0, j = 0; i < shape.length; i++) if (i != d) ns[j++] = shape[i];
        return reshape(ns);
    }

    /** The slice [start, start+length) of dimension {@code dim} (a view). */
    public Tensor narrow(int dim, int start, int length) {
        int d = Shapes.dim("narrow", dim, shape.length);
        if (start < 0 || length < 0 || start + length > shape[d]) {
            throw new IndexOutOfBoundsException("narrow: [" + start + ", " + (start + length) + ") out of range for dimension " + d + " of size " + shape[d]);
        }
        int[] ns = shape.clone();
        ns[d] = length;
        Tensor a = this;
        Tensor out = new Tensor(storage, ns, strides.clone(), offset + start * strides[d]);
        return record(out, "narrow", "x[" + start + ":" + (start + length) + "] on dim " + d, g -> {
            Tensor r = zeros(a.dtype(), a.shape);
            Tensor win = new Tensor(r.storage, ns, r.strides, start * r.strides[d]);
            win.copyFromRaw(g);
            return new Tensor[] {r};
        }, a);
    }

    /** Index {@code index} of dimension {@code dim}, removing that dimension (a view). */
    public Tensor select(int dim, int index) {
        int d = Shapes.dim("select", dim, shape.length);
        int ix = index < 0 ? index + shape[d] : index;
        return narrow(d, ix, 1).squeeze(d);
    }

    /** Rows (entries of dimension {@code dim}) picked by {@code indices}, copied, as {@code index_select}. */
    public Tensor indexSelect(int dim, int[] indices) {
        int d = Shapes.dim("indexSelect", dim, shape.length);
        Tensor moved = d == 0 ? this : transpose(0, d);
        Tensor src = moved.isContiguous() ? moved : Kernels.contiguousCopy(moved);
        int row = shape[d] == 0 ? 0 : numel / shape[d];
        int[] ns = moved.shape.clone();
        ns[0] = indices.length;
        Tensor out = wrap(Storage.allocateUninitialized(dtype(), Shapes.numel(ns)), ns); // the gather writes every row
        for (int r : indices) {
            if (r < 0 || r >= shape[d]) throw new IndexOutOfBoundsException("indexSelect: index " + r + " out of range for dimension " + d + " of size " + shape[d]);
        }
        Kernels.gatherRows(src.storage, src.offset, row, indices, 0, indices.length, out.storage, 0);
        Tensor a = this;
        Tensor rec = record(out, "indexSelect", "x[indices] on dim " + d, g -> {
            Tensor gc = Kernels.contiguousCopy(g);
            Tensor r = zeros(a.dtype(), moved.shape);
            for (int i = 0; i < indices.length; i++)
                for (int j = 0; j < row; j++) r.storage.set(indices[i] * row + j, r.storage.get(indices[i] * row + j) + gc.storage.get(i * row + j));
            return new Tensor[] {d == 0 ? r : Kernels.contiguousCopy(r.permuteRaw(swap(a.shape.length, d)))};
        }, a);
        return d == 0 ? rec : rec.transpose(0, d);
    }

    private static int[] swap(int n, int d) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        p[0] = d;
        p[d] = 0;
        return p;
    }

    private static void copyRow(Storage s, int so, Storage d, int dOff, int n) {
        if (s.f != null) System.arraycopy(s.f, so, d.f, dOff, n);
        else System.arraycopy(s.d, so, d.d, dOff, n);
    }

    /**
     * Picks values along {@code dim} by an index tensor of the same number of dimensions, as
     * {@code torch.gather}: {@code out[i][j] = x[i][index[i][j]]} for dim 1. Indices are stored as whole
     * numbers in a float tensor.
     */
    public Tensor gather(int dim, Tensor index) {
        int d = Shapes.dim("gather", dim, shape.length);
        if (index.shape.length != shape.length) {
            throw new ShapeMismatchException("gather: index " + Shapes.format(index.shape) + " must have as many dimensions as input " + Shapes.format(shape));
        }
        for (int i = 0; i < shape.length; i++) {
            if (i != d && index.shape[i] > shape[i]) {
                throw new ShapeMismatchException("gather: index " + Shapes.format(index.shape) + " is larger than input " + Shapes.format(shape) + " in dimension " + i);
            }
        }
        Tensor idx = Kernels.contiguousCopy(index);
        int n = idx.numel;
        int[] src = new int[n];
        int[] is = index.shape;
        int[] pos = new int[is.length];
        for (int p = 0; p < n; p++) {
            int rem = p;
            for (int k = is.length - 1; k >= 0; k--) {
                pos[k] = rem % is[k];
                rem /= is[k];
            }
            double v = idx.storage.get(p);
            int ix = (int) v;
            if (ix != v || ix < 0 || ix >= shape[d]) {
                throw new IndexOutOfBoundsException("gather: index value " + v + " out of range for dimension " + d + " of size " + shape[d]);
            }
            int off = offset;
            for (int k = 0; k < is.length; k++) off += (k == d ? ix : pos[k]) * strides[k];
            src[p] = off;
        }
        Tensor out = zeros(dtype(), is);
        for (int p = 0; p < n; p++) out.storage.set(p, storage.get(src[p]));
        Tensor a = this;
        return record(out, "gather", "x.gather(" + d + ", index)", g -> {
            Tensor gc = Kernels.contiguousCopy(g);
            Tensor r = zeros(a.dtype(), a.shape);
            int[] rs = r.strides;
            for (int p = 0; p < n; p++) {
                int rem = p, off = 0;
                for (int k = is.length - 1; k >= 0; k--) {
                    int c = rem % is[k];
                    rem /= is[k];
                    off += (k == d ? (int) idx.storage.get(p) : c) * rs[k];
                }
                r.storage.set(off, r.storage.get(off) + gc.storage.get(p));
            }
            return new Tensor[] {r};
        }, a);
    }

    /** Joins tensors along an existing dimension. */
    public static Tensor cat(List<Tensor> tensors, int dim) {
        if (tensors.isEmpty()) throw new IllegalArgumentException("cat: expected a non-empty list of tensors");
        Tensor first = tensors.get(0);
        int nd = first.shape.length;
        if (nd == 0) throw new IllegalArgumentException("cat: zero-dimensional tensors cannot be concatenated; use stack");
        int d = Shapes.dim("cat", dim, nd);
        int total = 0;
        for (Tensor t : tensors) {
            Kernels.checkDType("cat", first, t);
            if (t.shape.length != nd) throw new ShapeMismatchException("cat: tensors " + Shapes.format(first.shape) + " and " + Shapes.format(t.shape) + " differ in number of dimensions");
            for (int i = 0; i < nd; i++) {
                if (i != d && t.shape[i] != first.shape[i]) {
                    throw new ShapeMismatchException("cat: sizes of tensors must match except in dimension " + d + ": " + Shapes.format(first.shape) + " vs " + Shapes.format(t.shape));
                }
            }
            total += t.shape[d];
        }
        int[] ns = first.shape.clone();
        ns[d] = total;
        Tensor out = zeros(first.dtype(), ns);
        int at = 0;
        int[] starts = new int[tensors.size()];
        for (int i = 0; i < tensors.size(); i++) {
            Tensor t = tensors.get(i);
            starts[i] = at;
            int[] ws = ns.clone();
            ws[d] = t.shape[d];
            new Tensor(out.storage, ws, out.strides, at * out.strides[d]).copyFromRaw(t);
            at += t.shape[d];
        }
        Tensor[] ins = tensors.toArray(new Tensor[0]);
        return record(out, "cat", "cat on dim " + d, g -> {
            Tensor[] r = new Tensor[ins.length];
            for (int i = 0; i < ins.length; i++) {
                int[] ws = g.shape.clone();
                ws[d] = ins[i].shape[d];
                r[i] = Kernels.contiguousCopy(new Tensor(g.storage, ws, g.strides, g.offset + starts[i] * g.strides[d]));
            }
            return r;
        }, ins);
    }

    /** Stacks same-shape tensors along a new dimension. */
    public static Tensor stack(List<Tensor> tensors, int dim) {
        if (tensors.isEmpty()) throw new IllegalArgumentException("stack: expected a non-empty list of tensors");
        int[] s0 = tensors.get(0).shape;
        for (Tensor t : tensors) {
            if (!Shapes.same(t.shape, s0)) throw new ShapeMismatchException("stack: expects each tensor to be equal size, got " + Shapes.format(s0) + " and " + Shapes.format(t.shape));
        }
        int d = dim < 0 ? dim + s0.length + 1 : dim;
        return cat(tensors.stream().map(t -> t.unsqueeze(d)).toList(), d);
    }

    /** A contiguous tensor with the same values (this one if already contiguous). */
    public Tensor contiguous() {
        if (isContiguous()) return this;
        Tensor a = this;
        return record(Kernels.contiguousCopy(a), "contiguous", "copy", g -> new Tensor[] {g}, a);
    }

    /** A copy with its own storage, differentiable (as {@code clone()}). */
    public Tensor copy() {
        Tensor a = this;
        return record(Kernels.contiguousCopy(a), "copy", "copy", g -> new Tensor[] {g}, a);
    }

    /** The same values in another dtype (this tensor if the dtype already matches). */
    public Tensor to(DType target) {
        if (target == dtype()) return this;
        Tensor c = Kernels.contiguousCopy(this);
        Tensor out = zeros(target, shape);
        for (int i = 0; i < numel; i++) out.storage.set(i, c.storage.get(i));
        DType from = dtype();
        return record(out, "to", "to " + target, g -> new Tensor[] {g.to(from)}, this);
    }

    // ------------------------------------------------------------------ in-place (no history)

    private void checkInPlace(String op) {
        if (Autograd.isGradEnabled() && requiresGrad && gradFn == null) {
            throw new IllegalStateException(op + ": a leaf tensor that requires grad is being used in an in-place operation; "
                    + "wrap it in try (var g = Autograd.noGrad()) { ... }");
        }
    }

    /** Copies {@code src}'s values (broadcast to this shape) into this tensor in place. */
    public Tensor copyFrom(Tensor src) {
        checkInPlace("copyFrom");
        Kernels.checkDType("copyFrom", this, src);
        if (!Shapes.same(src.shape, shape)) Shapes.broadcast("copyFrom", shape, src.shape);
        copyFromRaw(src);
        storage.bumpVersion();
        return this;
    }

    private void copyFromRaw(Tensor src) {
        Tensor v = Kernels.binary("copy", BinaryOp.ADD, zeros(dtype(), shape), src);
        if (isContiguous()) {
            copyRow(v.storage, 0, storage, offset, numel);
            return;
        }
        int nd = shape.length;
        int[] idx = new int[nd];
        for (int p = 0; p < numel; p++) {
            int off = offset;
            for (int k = 0; k < nd; k++) off += idx[k] * strides[k];
            storage.set(off, v.storage.get(p));
            for (int k = nd - 1; k >= 0; k--) {
                if (++idx[k] < shape[k]) break;
                idx[k] = 0;
            }
        }
    }

    /** Adds {@code other} (broadcast) into this tensor in place. */
    public Tensor addInPlace(Tensor other) {
        checkInPlace("addInPlace");
        Tensor sum = Kernels.binary("addInPlace", BinaryOp.ADD, this, other);
        if (!Shapes.same(sum.shape, shape)) throw new ShapeMismatchException("addInPlace: " + Shapes.format(other.shape) + " does not broadcast into " + Shapes.format(shape));
        copyFromRaw(sum);
        storage.bumpVersion();
        return this;
    }

    /** Multiplies every element by {@code s} in place. */
    public Tensor mulInPlace(double s) {
        checkInPlace("mulInPlace");
        copyFromRaw(Kernels.binary("mulInPlace", BinaryOp.MUL, this, like(s)));
        storage.bumpVersion();
        return this;
    }

    /** Sets every element to {@code v} in place. */
    public Tensor fill(double v) {
        checkInPlace("fill");
        copyFromRaw(like(v));
        storage.bumpVersion();
        return this;
    }
}
