package dev.nabla.data;

import dev.nabla.DType;
import dev.nabla.ShapeMismatchException;
import dev.nabla.Tensor;
import dev.nabla.tensor.Kernels;
import dev.nabla.tensor.Shapes;
import dev.nabla.tensor.Storage;
import java.util.Arrays;

/**
 * A dataset held in memory as two tensors whose first dimension indexes samples, as
 * {@code torch.utils.data.TensorDataset}: features x (N, ...) and targets y (N, ...) — (N,) float
 * class indices for classification. The values are copied once, row-major, at construction; the
 * dtype of each tensor (float32 or float64) is kept in batches.
 *
 * <p>Images can instead stay 8-bit ({@link #wrapUnsignedBytes}), as torchvision's MNIST keeps its {@code uint8}
 * data and {@code ToTensor} scales each sample: a quarter of the memory (MNIST's training set 47 MB instead of
 * 188 MB), and batches that read a quarter of the bytes; they are float32 all the same.
 */
public final class TensorDataset implements Dataset {
    private final int n;
    private final int[] xShape;
    private final int[] yShape;
    private final int xRow;
    private final int yRow;
    private final float[] xf;
    private final double[] xd;
    /** Features as unsigned bytes, scaled by {@link #xScale} into float32 batches (null unless {@link #wrapUnsignedBytes}). */
    private final byte[] xb;
    private final float xScale;
    private final float[] yf;
    private final double[] yd;

    private TensorDataset(int n, int[] xShape, float[] x, byte[] xBytes, float scale, int[] yShape, float[] y) {
        this.n = n;
        this.xShape = xShape.clone();
        this.xRow = Shapes.numel(xShape);
        this.xf = x;
        this.xd = null;
        this.xb = xBytes;
        this.xScale = scale;
        int values = x != null ? x.length : xBytes.length;
        this.yShape = yShape == null ? null : yShape.clone();
        this.yRow = yShape == null ? 0 : Shapes.numel(yShape);
        this.yf = y;
        this.yd = null;
        if (values != (long) n * xRow) throw new ShapeMismatchException("TensorDataset: " + values + " feature values for " + n + " samples of shape " + Shapes.format(xShape));
        if (y != null && y.length != (long) n * yRow) throw new ShapeMismatchException("TensorDataset: " + y.length + " target values for " + n + " samples of shape " + Shapes.format(yShape));
    }

    /**
     * A float32 dataset over row-major arrays WITHOUT copying them (for large loaders such as MNIST):
     * {@code x} holds n samples of {@code sampleShape}, {@code y} (may be null) n targets of
     * {@code targetShape} ({@code new int[0]} for class labels). The caller must not modify the arrays.
     */
    public static TensorDataset wrap(int n, int[] sampleShape, float[] x, int[] targetShape, float[] y) {
        if ((y == null) != (targetShape == null)) throw new IllegalArgumentException("TensorDataset.wrap: give both targets and their shape, or neither");
        return new TensorDataset(n, sampleShape, x, null, 0f, targetShape, y);
    }

    /**
     * A float32 dataset whose features stay unsigned bytes in memory WITHOUT copying them: a sample's feature j is
     * {@code (x[i·row + j] & 0xff) · scale} in every batch (8-bit pixels with scale 1/255 give [0, 1], the float
     * multiply that a float32 copy made once would make). Otherwise as {@link #wrap}.
     */
    public static TensorDataset wrapUnsignedBytes(int n, int[] sampleShape, byte[] x, float scale, int[] targetShape, float[] y) {
        if ((y == null) != (targetShape == null)) throw new IllegalArgumentException("TensorDataset.wrapUnsignedBytes: give both targets and their shape, or neither");
        if (!Float.isFinite(scale)) throw new IllegalArgumentException("TensorDataset.wrapUnsignedBytes: scale must be finite, got " + scale);
        return new TensorDataset(n, sampleShape, null, x, scale, targetShape, y);
    }

    /** Features {@code x} and targets {@code y} (may be null) with the same first dimension. */
    public TensorDataset(Tensor x, Tensor y) {
        if (x.dim() == 0) throw new ShapeMismatchException("TensorDataset: features must have a sample dimension, got a scalar");
        int[] xs = x.shape();
        n = xs[0];
        if (y != null) {
            if (y.dim() == 0 || y.shape()[0] != n) {
                throw new ShapeMismatchException("TensorDataset: features " + Shapes.format(xs) + " and targets "
                        + Shapes.format(y.shape()) + " differ in the number of samples (first dimension)");
            }
        }
        xShape = Arrays.copyOfRange(xs, 1, xs.length);
        xRow = Shapes.numel(xShape);
        xb = null;
        xScale = 0f;
        if (x.dtype() == DType.FLOAT64) {
            xd = x.toDoubleArray();
            xf = null;
        } else {
            xf = x.toFloatArray();
            xd = null;
        }
        if (y == null) {
            yShape = null;
            yRow = 0;
            yf = null;
            yd = null;
        } else {
            int[] ys = y.shape();
            yShape = Arrays.copyOfRange(ys, 1, ys.length);
            yRow = Shapes.numel(yShape);
            if (y.dtype() == DType.FLOAT64) {
                yd = y.toDoubleArray();
                yf = null;
            } else {
                yf = y.toFloatArray();
                yd = null;
            }
        }
    }

    @Override public int size() { return n; }

    @Override public int[] featureShape() { return xShape.clone(); }

    @Override public int[] targetShape() { return yShape == null ? null : yShape.clone(); }

    /** The dtype of the features. */
    public DType featureDType() { return xd != null ? DType.FLOAT64 : DType.FLOAT32; }

    @Override
    public Batch batch(int[] indices, int from, int count) {
        Batch b = allocateBatch(indices, from, count);
        fillRows(indices, from, 0, count, b);
        return b;
    }

    /**
     * The batch of samples {@code indices[from .. from+count)}, gathered by idle pool workers from now on
     * ({@link dev.nabla.tensor.Parallel#background}); {@code get()} of the result finishes the gather on the calling
     * thread and returns it, with the values {@link #batch} gives. For a {@link DataLoader} that gathers the next
     * batch while the current one trains.
     */
    java.util.function.Supplier<Batch> batchInBackground(int[] indices, int from, int count) {
        Batch b = allocateBatch(indices, from, count);
        dev.nabla.tensor.Parallel.Background work = dev.nabla.tensor.Parallel.background(count, BACKGROUND_ROWS,
                (s, e) -> fillRows(indices, from, s, e, b));
        return () -> {
            work.finish();
            return b;
        };
    }

    /** Rows a worker gathers between checks for parallel ops: 8 MNIST rows are ~3 µs. */
    private static final int BACKGROUND_ROWS = 8;

    /** Checks the indices and allocates the batch's tensors, unfilled (from the buffer pool when it has them). */
    private Batch allocateBatch(int[] indices, int from, int count) {
        if (from < 0 || count < 0 || from + count > indices.length) {
            throw new IndexOutOfBoundsException("batch: [" + from + ", " + (from + count) + ") out of range for " + indices.length + " indices");
        }
        for (int i = from; i < from + count; i++) {
            if (indices[i] < 0 || indices[i] >= n) throw new IndexOutOfBoundsException("batch: sample index " + indices[i] + " out of range for a dataset of " + n);
        }
        // Storage.allocateUninitialized: the gather writes every element, so a recycled batch (DataLoader.epochRecycling)
        // is refilled in place, still in cache, instead of fresh heap.
        Tensor x = Tensor.wrap(Storage.allocateUninitialized(featureDType(), count * xRow), shape(count, xShape));
        Tensor y = yShape == null ? null
                : Tensor.wrap(Storage.allocateUninitialized(yf != null ? DType.FLOAT32 : DType.FLOAT64, count * yRow), shape(count, yShape));
        return new Batch(x, y);
    }

    /** Gathers rows [r0, r1) of the batch of samples {@code indices[from ..]} into {@code b} (split over the threads when large). */
    private void fillRows(int[] indices, int from, int r0, int r1, Batch b) {
        int count = r1 - r0, at = from + r0;
        Storage xs = b.x().storage();
        if (xb != null) Kernels.gatherRowsScaled(xb, xRow, indices, at, count, xScale, xs.f, r0 * xRow);
        else Kernels.gatherRows(xf != null ? Storage.of(xf) : Storage.of(xd), 0, xRow, indices, at, count, xs, r0 * xRow);
        if (yShape != null) {
            Kernels.gatherRows(yf != null ? Storage.of(yf) : Storage.of(yd), 0, yRow, indices, at, count, b.y().storage(), r0 * yRow);
        }
    }

    static int[] shape(int count, int[] row) {
        int[] s = new int[row.length + 1];
        s[0] = count;
        System.arraycopy(row, 0, s, 1, row.length);
        return s;
    }

    @Override public String toString() {
        return "TensorDataset(" + n + " samples, features " + Shapes.format(xShape)
                + (yShape == null ? "" : ", targets " + Shapes.format(yShape)) + ")";
    }
}
