package dev.nabla.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.DType;
import dev.nabla.ShapeMismatchException;
import dev.nabla.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** TensorDataset, Subset, Datasets.split and DataLoader. */
class DataLoaderTest {
    /** 10 samples, features (10, 3) with row i = [i, 10+i, 20+i], labels y = i. */
    private static TensorDataset tenSamples() {
        float[] x = new float[30];
        float[] y = new float[10];
        for (int i = 0; i < 10; i++) {
            for (int j = 0; j < 3; j++) x[i * 3 + j] = 10 * j + i;
            y[i] = i;
        }
        return new TensorDataset(Tensor.fromArray(x, 10, 3), Tensor.fromArray(y, 10));
    }

    @Test
    void batchShapesAndContentsInOrder() {
        DataLoader dl = new DataLoader(tenSamples(), 4);
        assertEquals(3, dl.numBatches());
        List<Batch> bs = new ArrayList<>();
        for (Batch b : dl) bs.add(b);
        assertEquals(3, bs.size());
        assertArrayEquals(new int[] {4, 3}, bs.get(0).x().shape());
        assertArrayEquals(new int[] {4}, bs.get(0).y().shape());
        assertArrayEquals(new int[] {2, 3}, bs.get(2).x().shape());
        assertArrayEquals(new float[] {8, 18, 28, 9, 19, 29}, bs.get(2).x().toFloatArray());
        assertArrayEquals(new float[] {8, 9}, bs.get(2).y().toFloatArray());
        assertEquals(2, bs.get(2).size());
    }

    @Test
    void dropLastSkipsTheShortBatch() {
        DataLoader dl = new DataLoader(tenSamples(), 4).dropLast(true);
        assertEquals(2, dl.numBatches());
        int n = 0;
        for (Batch b : dl) {
            assertEquals(4, b.size());
            n++;
        }
        assertEquals(2, n);
    }

    private static List<Float> labelsOf(Iterable<Batch> epoch) {
        List<Float> out = new ArrayList<>();
        for (Batch b : epoch) for (float v : b.y().toFloatArray()) out.add(v);
        return out;
    }

    @Test
    void shuffleIsDeterministicPerSeedAndCoversEverySampleOncePerEpoch() {
        DataLoader a = new DataLoader(tenSamples(), 3).shuffle(7);
        DataLoader b = new DataLoader(tenSamples(), 3).shuffle(7);
        DataLoader c = new DataLoader(tenSamples(), 3).shuffle(8);
        List<List<Float>> ea = new ArrayList<>();
        for (int e = 0; e < 3; e++) {
            List<Float> la = labelsOf(a);
            List<Float> lb = labelsOf(b);
            assertEquals(la, lb, "same seed, same epoch -> same order");
            assertEquals(10, la.size());
            assertEquals(10, new HashSet<>(la).size(), "every sample exactly once");
            ea.add(la);
        }
        assertNotEquals(ea.get(0), ea.get(1), "reshuffled per epoch");
        assertNotEquals(ea.get(0), labelsOf(c), "different seed, different order");
        assertEquals(ea.get(1), labelsOf(new DataLoader(tenSamples(), 3).shuffle(7).epoch(1)), "epoch(e) reproduces epoch e");
        // features stay attached to their labels: x row = [i, 10+i, 20+i] for label i
        for (Batch bt : new DataLoader(tenSamples(), 3).shuffle(1).epoch(0)) {
            float[] x = bt.x().toFloatArray();
            float[] y = bt.y().toFloatArray();
            for (int i = 0; i < y.length; i++) assertArrayEquals(new float[] {y[i], 10 + y[i], 20 + y[i]}, Arrays.copyOfRange(x, 3 * i, 3 * i + 3));
        }
    }

    @Test
    void shuffledDropLastStillDrawsFromAllSamplesAcrossEpochs() {
        DataLoader dl = new DataLoader(tenSamples(), 4).shuffle(3).dropLast(true);
        Set<Float> seen = new HashSet<>();
        for (int e = 0; e < 10; e++) {
            List<Float> l = labelsOf(dl);
            assertEquals(8, l.size());
            assertEquals(8, new HashSet<>(l).size());
            seen.addAll(l);
        }
        assertEquals(10, seen.size());
    }

    @Test
    void splitIsDisjointCompleteAndSeeded() {
        TensorDataset ds = tenSamples();
        Datasets.Split s = Datasets.split(ds, 0.7, 42);
        assertEquals(7, s.train().size());
        assertEquals(3, s.validation().size());
        Set<Integer> all = new HashSet<>();
        for (int i : s.train().indices()) all.add(i);
        for (int i : s.validation().indices()) assertTrue(all.add(i), "disjoint");
        assertEquals(10, all.size());
        assertArrayEquals(s.train().indices(), Datasets.split(ds, 0.7, 42).train().indices());
        assertFalse(Arrays.equals(s.train().indices(), Datasets.split(ds, 0.7, 43).train().indices()));
        // a subset's batch maps back to the base samples
        int first = s.validation().indices()[0];
        assertArrayEquals(new float[] {first}, s.validation().get(0).y().toFloatArray());
        assertEquals(3, s.validation().features().shape()[0]);
    }

    @Test
    void keepsFloat64AndAllowsMissingTargets() {
        TensorDataset d = new TensorDataset(Tensor.fromArray(new double[] {1, 2, 3, 4}, 2, 2), null);
        Batch b = d.get(1);
        assertEquals(DType.FLOAT64, b.x().dtype());
        assertArrayEquals(new double[] {3, 4}, b.x().toDoubleArray());
        assertNull(b.y());
        assertThrows(ShapeMismatchException.class, () -> new TensorDataset(Tensor.zeros(3, 2), Tensor.zeros(4)));
        assertThrows(IndexOutOfBoundsException.class, () -> d.get(2));
        assertThrows(IllegalArgumentException.class, () -> new DataLoader(d, 0));
    }

    /**
     * epochRecycling: the same batches as epoch(e), each gathered into the memory of the one before (12 800
     * floats, large enough for the buffer pool), and never the memory of a dataset whose batches are views.
     */
    @Test
    void recyclingEpochGivesTheSameBatchesInReusedMemory() {
        Tensor x = Tensor.randn(5, 640, 200), y = Tensor.arange(640);
        for (boolean prefetch : new boolean[] {false, true}) {
            DataLoader loader = new DataLoader(new TensorDataset(x, y), 64).shuffle(9).prefetch(prefetch);
            List<double[]> plain = new ArrayList<>();
            for (Batch b : loader.epoch(3)) plain.add(b.x().toDoubleArray());
            int i = 0;
            List<Object> arrays = new ArrayList<>();
            int reused = 0;
            // without prefetching a batch refills the previous one's array; with it, the one before that (the previous
            // batch is still in use while the next is gathered), so two arrays alternate
            int back = prefetch ? 2 : 1;
            for (Batch b : loader.epochRecycling(3)) {
                assertArrayEquals(plain.get(i++), b.x().toDoubleArray(), 0, "batch " + i + ", prefetch " + prefetch);
                if (arrays.size() >= back && b.x().storage().f == arrays.get(arrays.size() - back)) reused++;
                arrays.add(b.x().storage().f);
            }
            assertEquals(10, i);
            assertEquals(10 - back, reused, "every batch after the first " + back + " refills an earlier one's array (prefetch " + prefetch + ")");
        }
    }

    /** Gathering ahead on the pool's workers gives the same batches, in the same order, as gathering on demand, for every thread count. */
    @Test
    void prefetchingGivesTheSameBatches() {
        int saved = dev.nabla.tensor.Parallel.threads();
        try {
            Tensor x = Tensor.randn(7, 1000, 33), y = Tensor.arange(1000);
            List<double[]> want = new ArrayList<>();
            for (Batch b : new DataLoader(new TensorDataset(x, y), 96).shuffle(4).prefetch(false).epoch(2)) {
                want.add(b.x().toDoubleArray());
                want.add(b.y().toDoubleArray());
            }
            for (int threads : new int[] {1, 2, 3}) {
                dev.nabla.tensor.Parallel.setThreads(threads);
                DataLoader loader = new DataLoader(new TensorDataset(x, y), 96).shuffle(4);
                for (Iterable<Batch> epoch : List.of(loader.epoch(2), loader.epochRecycling(2))) {
                    int i = 0;
                    for (Batch b : epoch) {
                        assertArrayEquals(want.get(i++), b.x().toDoubleArray(), 0, "threads " + threads);
                        assertArrayEquals(want.get(i++), b.y().toDoubleArray(), 0, "threads " + threads);
                    }
                    assertEquals(want.size(), i);
                }
                // a Subset (a training split) gathers ahead through its base, with the same batches
                int[] half = new int[500];
                for (int i = 0; i < 500; i++) half[i] = 999 - 2 * i;
                Subset split = new Subset(new TensorDataset(x, y), half);
                List<double[]> plainSplit = new ArrayList<>();
                for (Batch b : new DataLoader(split, 64).shuffle(1).prefetch(false).epoch(0)) plainSplit.add(b.x().toDoubleArray());
                int j = 0;
                for (Batch b : new DataLoader(split, 64).shuffle(1).epochRecycling(0)) assertArrayEquals(plainSplit.get(j++), b.x().toDoubleArray(), 0);
                assertEquals(plainSplit.size(), j);
                assertTrue(DataLoader.gatherAhead(split, new int[] {0, 1}, 0, 2) != null, "a subset of a tensor dataset gathers ahead");
                int seen = 0;
                for (Batch b : loader.epochRecycling(5)) if (++seen == 3) break; // leaving early leaves a gather behind: harmless
                assertEquals(3, seen);
            }
        } finally {
            dev.nabla.tensor.Parallel.setThreads(saved);
        }
    }

    @Test
    void recyclingNeverHandsBackADatasetsOwnMemory() {
        Tensor data = Tensor.randn(6, 256, 64).mul(1.0); // computed, so its storage came from the allocator too
        double[] before = data.toDoubleArray();
        Dataset views = new Dataset() {
            @Override public int size() { return 256; }
            @Override public int[] featureShape() { return new int[] {64}; }
            @Override public int[] targetShape() { return null; }
            @Override public Batch batch(int[] indices, int from, int count) {
                return new Batch(data.narrow(0, indices[from], count), null); // a view: valid for unshuffled order only
            }
        };
        for (Batch b : new DataLoader(views, 128).epochRecycling(0)) assertEquals(128, b.size());
        dev.nabla.tensor.Storage next = dev.nabla.tensor.Storage.allocateUninitialized(DType.FLOAT32, 256 * 64);
        assertFalse(next.f == data.storage().f, "the dataset's array went to the pool");
        assertArrayEquals(before, data.toDoubleArray(), 0);
    }

    /** 8-bit features: each batch holds (byte & 0xff) / 255 as float32, rows in the requested order, and the bytes are not copied. */
    @Test
    void unsignedByteFeaturesAreScaledInEveryBatch() {
        int n = 300, row = 37; // more rows than a gather splits over threads from, and a row length with a vector tail
        byte[] x = new byte[n * row];
        for (int i = 0; i < x.length; i++) x[i] = (byte) (i * 7 + i / row);
        float[] y = new float[n];
        for (int i = 0; i < n; i++) y[i] = i % 10;
        TensorDataset ds = TensorDataset.wrapUnsignedBytes(n, new int[] {row}, x, 1f / 255f, new int[0], y);
        assertEquals(DType.FLOAT32, ds.featureDType());
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = (i * 113) % n; // 113 is prime to 300: a permutation
        Batch b = ds.batch(order, 10, 250);
        assertArrayEquals(new int[] {250, row}, b.x().shape());
        float[] got = b.x().toFloatArray();
        for (int i = 0; i < 250; i++) {
            int s = order[10 + i];
            assertEquals(y[s], b.y().toFloatArray()[i]);
            for (int j = 0; j < row; j++) {
                float want = (float) ((x[s * row + j] & 0xff) / 255.0); // the pixel in [0, 1], rounded once from float64
                assertEquals(want, got[i * row + j], Math.ulp(want), "sample " + s + " feature " + j);
            }
        }
        x[0] = (byte) 255; // shares the array, as wrap does
        assertEquals(1f, ds.get(0).x().toFloatArray()[0], 1e-7f);
        assertThrows(ShapeMismatchException.class, () -> TensorDataset.wrapUnsignedBytes(n, new int[] {row + 1}, x, 1f / 255f, new int[0], y));
        assertThrows(IllegalArgumentException.class, () -> TensorDataset.wrapUnsignedBytes(n, new int[] {row}, x, Float.NaN, new int[0], y));
    }
}
