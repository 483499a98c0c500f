package dev.nabla.tensor;

import dev.nabla.ShapeMismatchException;
import java.util.Arrays;

/** Shape arithmetic shared by every op: element counts, strides, broadcasting, dimension checks, printing. */
public final class Shapes {
    private Shapes() {}

    /** Number of elements of a shape; the empty shape (a scalar) has one. */
    public static int numel(int[] shape) {
        long n = 1;
        for (int s : shape) {
            n *= s;
            if (n > Integer.MAX_VALUE) throw new IllegalArgumentException("shape " + format(shape) + " has more than 2^31-1 elements");
        }
        return (int) n;
    }

    /** Row-major strides of a contiguous tensor with this shape. */
    public static int[] contiguousStrides(int[] shape) {
        int[] st = new int[shape.length];
        int s = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            st[i] = s;
            s *= Math.max(shape[i], 1);
        }
        return st;
    }

    /** Validates a user-given shape (no negative sizes) and returns a defensive copy. */
    public static int[] checkShape(String op, int... shape) {
        for (int s : shape) {
            if (s < 0) throw new IllegalArgumentException(op + ": negative dimension in shape " + format(shape));
        }
        numel(shape);
        return shape.clone();
    }

    /** NumPy/PyTorch broadcast of two shapes, or a {@link ShapeMismatchException} naming the op and both shapes. */
    public static int[] broadcast(String op, int[] a, int[] b) {
        int n = Math.max(a.length, b.length);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            int da = i - (n - a.length) >= 0 ? a[i - (n - a.length)] : 1;
            int db = i - (n - b.length) >= 0 ? b[i - (n - b.length)] : 1;
            if (da != db && da != 1 && db != 1) {
                throw new ShapeMismatchException(op + ": shapes " + format(a) + " and " + format(b)
                        + " cannot be broadcast (dimension " + i + ": " + da + " vs " + db + ")");
            }
            out[i] = da == 1 ? db : da;
        }
        return out;
    }

    /** Strides to read a tensor of {@code shape}/{@code strides} as if broadcast to {@code target} (0 on broadcast dims). */
    public static int[] broadcastStrides(int[] shape, int[] strides, int[] target) {
        int n = target.length;
        int[] out = new int[n];
        int off = n - shape.length;
        for (int i = 0; i < shape.length; i++) {
            out[i + off] = shape[i] == 1 && target[i + off] != 1 ? 0 : strides[i];
        }
        return out;
    }

    /** Normalizes a possibly negative dimension index; throws naming the op when out of range. */
    public static int dim(String op, int dim, int ndim) {
        int d = dim < 0 ? dim + ndim : dim;
        if (d < 0 || d >= Math.max(ndim, 1) || (ndim == 0 && d != 0)) {
            throw new IllegalArgumentException(op + ": dimension " + dim + " out of range for a " + ndim + "-d tensor");
        }
        return d;
    }

    /** "(2, 3)" like PyTorch's torch.Size printing; "()" for a scalar. */
    public static String format(int[] shape) {
        if (shape.length == 1) return "(" + shape[0] + ",)";
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            if (i > 0) sb.append(", ");
            sb.append(shape[i]);
        }
        return sb.append(')').toString();
    }

    public static boolean same(int[] a, int[] b) { return Arrays.equals(a, b); }
}
