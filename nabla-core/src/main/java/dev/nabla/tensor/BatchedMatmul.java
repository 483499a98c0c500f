package dev.nabla.tensor;

import dev.nabla.Tensor;

/** Batched matrix product {@code (..., m, k) @ (..., k, n)} with broadcasting of the batch dimensions. */
public final class BatchedMatmul {
    private BatchedMatmul() {}

    public static Tensor forward(Tensor a, Tensor b) {
        int[] as = a.shape(), bs = b.shape();
        int m = as[as.length - 2], k = as[as.length - 1], n = bs[bs.length - 1];
        if (bs[bs.length - 2] != k) throw Kernels.matmulMismatch(as, bs, k, bs[bs.length - 2]);
        int[] ab = java.util.Arrays.copyOf(as, as.length - 2), bb = java.util.Arrays.copyOf(bs, bs.length - 2);
        int[] batch = Shapes.broadcast("matmul", ab, bb);
        int nb = Shapes.numel(batch);
        int[] outShape = java.util.Arrays.copyOf(batch, batch.length + 2);
        outShape[batch.length] = m;
        outShape[batch.length + 1] = n;
        Storage out = Storage.allocate(a.dtype(), nb * m * n);
        int[] ast = Shapes.broadcastStrides(ab, java.util.Arrays.copyOf(a.strides(), ab.length), batch);
        int[] bst = Shapes.broadcastStrides(bb, java.util.Arrays.copyOf(b.strides(), bb.length), batch);
        int[] aMs = {a.strides()[as.length - 2], a.strides()[as.length - 1]};
        int[] bMs = {b.strides()[bs.length - 2], b.strides()[bs.length - 1]};
        int[] idx = new int[batch.length];
        for (int p = 0; p < nb; p++) {
            int ao = a.offset(), bo = b.offset();
            for (int d = 0; d < batch.length; d++) {
                ao += idx[d] * ast[d];
                bo += idx[d] * bst[d];
            }
            Tensor am = Tensor.strided(a.storage(), new int[] {m, k}, aMs, ao);
            Tensor bm = Tensor.strided(b.storage(), new int[] {k, n}, bMs, bo);
            Kernels.matmulInto(am, bm, out, p * m * n, m, n, k);
            for (int d = batch.length - 1; d >= 0; d--) {
                if (++idx[d] < batch[d]) break;
                idx[d] = 0;
            }
        }
        return Tensor.wrap(out, outShape);
    }
}
