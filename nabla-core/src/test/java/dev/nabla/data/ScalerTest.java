package dev.nabla.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nabla.DType;
import dev.nabla.ShapeMismatchException;
import dev.nabla.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Scalers against hand-computed values. Data X = [[1, 2], [3, 5], [8, 13]]: column means 4 and
 * 20/3; population std sqrt(((1-4)²+(3-4)²+(8-4)²)/3) = sqrt(26/3) = 2.943920288775949 and
 * sqrt(((2-20/3)²+(5-20/3)²+(13-20/3)²)/3) = sqrt(194/9) = 4.642796092394707 (numpy X.std(0) agrees).
 */
class ScalerTest {
    private static final Tensor X = Tensor.fromArray(new float[] {1, 2, 3, 5, 8, 13}, 3, 2);

    @Test
    void standardScalerMatchesHandValues() {
        StandardScaler s = new StandardScaler();
        s.fit(X);
        assertArrayEquals(new double[] {4, 20.0 / 3}, s.mean(), 1e-12);
        assertArrayEquals(new double[] {Math.sqrt(26.0 / 3), Math.sqrt(194.0 / 9)}, s.std(), 1e-12);
        float[] z = s.transform(X).toFloatArray();
        // (1-4)/sqrt(26/3) = -1.0190493307, (2-20/3)/sqrt(194/9) = -1.0051414220, ... (numpy)
        assertArrayEquals(new float[] {-1.0190493f, -1.0051414f, -0.3396831f, -0.3589791f, 1.3587324f, 1.3641205f}, z, 1e-6f);
        assertArrayEquals(X.toFloatArray(), s.inverseTransform(s.transform(X)).toFloatArray(), 1e-5f);
    }

    @Test
    void fitOnTrainingPartOnlyThenTransformOtherParts() {
        StandardScaler s = new StandardScaler();
        s.fit(X);
        Tensor other = Tensor.fromArray(new double[] {4, 20.0 / 3}, 1, 2);
        Tensor t = s.transform(other);
        assertEquals(DType.FLOAT64, t.dtype());
        assertArrayEquals(new double[] {0, 0}, t.toDoubleArray(), 1e-12);
        TensorDataset ds = new TensorDataset(X, Tensor.fromArray(new float[] {0, 1, 2}, 3));
        Datasets.Split sp = Datasets.split(ds, 2.0 / 3, 1);
        StandardScaler fromTrain = new StandardScaler();
        fromTrain.fit(sp.train());
        // mean of just the two training rows, computed from the rows the split picked
        float[] rows = sp.train().features().toFloatArray();
        assertEquals((rows[0] + rows[2]) / 2.0, fromTrain.mean()[0], 1e-6);
        TensorDataset val = fromTrain.transform(sp.validation());
        assertEquals(1, val.size());
        assertArrayEquals(sp.validation().targets().toFloatArray(), val.targets().toFloatArray());
    }

    @Test
    void minMaxScalerMatchesHandValues() {
        MinMaxScaler m = new MinMaxScaler();
        m.fit(X);
        assertArrayEquals(new double[] {1, 2}, m.dataMin(), 0);
        assertArrayEquals(new double[] {8, 13}, m.dataMax(), 0);
        // (x - min) / (max - min): column 0: 0, 2/7, 1; column 1: 0, 3/11, 1.
        assertArrayEquals(new float[] {0, 0, 2f / 7, 3f / 11, 1, 1}, m.transform(X).toFloatArray(), 1e-6f);
        MinMaxScaler m2 = new MinMaxScaler(-1, 1);
        m2.fit(X);
        // -1 + 2(x - min)/(max - min): 3 -> -1 + 4/7 = -3/7
        assertArrayEquals(new float[] {-1, -1, -3f / 7, -5f / 11, 1, 1}, m2.transform(X).toFloatArray(), 1e-6f);
    }

    @Test
    void constantColumnsAndMisuse() {
        Tensor c = Tensor.fromArray(new float[] {5, 1, 5, 2}, 2, 2);
        assertArrayEquals(new float[] {0, -1, 0, 1}, new StandardScaler().fitTransform(c).toFloatArray(), 1e-6f);
        assertArrayEquals(new float[] {0, 0, 0, 1}, new MinMaxScaler().fitTransform(c).toFloatArray(), 1e-6f);
        assertThrows(IllegalStateException.class, () -> new StandardScaler().transform(c));
        StandardScaler s = new StandardScaler();
        s.fit(c);
        assertThrows(ShapeMismatchException.class, () -> s.transform(Tensor.zeros(2, 3)));
    }
}
