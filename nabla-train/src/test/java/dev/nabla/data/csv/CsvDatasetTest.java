package dev.nabla.data.csv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CsvDataset, Iris and CaliforniaHousing on small files written by the test. */
class CsvDatasetTest {
    @TempDir Path dir;

    private Path csv(String name, String... lines) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, String.join("\n", lines) + "\n");
        return p;
    }

    @Test
    void numericAndOneHotFeaturesWithTextClassTarget() throws IOException {
        Path p = csv("pets.csv",
                "weight,color,age,kind",
                "4.5,black,2,cat",
                "30,brown,5,dog",
                "3.25,white,1,cat",
                "\"12\",black,7,dog");
        CsvDataset d = CsvDataset.load(p, CsvDataset.options().target("kind"));
        assertEquals(List.of("weight", "color=black", "color=brown", "color=white", "age"), d.featureNames());
        assertEquals(CsvDataset.Task.CLASSIFICATION, d.task());
        assertEquals(List.of("cat", "dog"), d.classNames());
        assertArrayEquals(new int[] {4, 5}, d.features().shape());
        assertArrayEquals(new float[] {
            4.5f, 1, 0, 0, 2,
            30, 0, 1, 0, 5,
            3.25f, 0, 0, 1, 1,
            12, 1, 0, 0, 7}, d.features().toFloatArray());
        assertArrayEquals(new int[] {4}, d.targets().shape());
        assertArrayEquals(new float[] {0, 1, 0, 1}, d.targets().toFloatArray());
    }

    @Test
    void regressionTargetHasShapeNBy1AndDropWorks() throws IOException {
        Path p = csv("r.csv", "id,x1,x2,y", "1,1,2,3.5", "2,4,5,-1", "3,7,8,0");
        CsvDataset d = CsvDataset.load(p, CsvDataset.options().target("y").drop("id"));
        assertEquals(List.of("x1", "x2"), d.featureNames());
        assertEquals(CsvDataset.Task.REGRESSION, d.task());
        assertArrayEquals(new int[] {3, 1}, d.targets().shape());
        assertArrayEquals(new float[] {3.5f, -1, 0}, d.targets().toFloatArray());
        // the same numeric column as classes: sorted numerically -> -1:0, 0:1, 3.5:2
        CsvDataset c = CsvDataset.load(p, CsvDataset.options().target("y").drop("id").task(CsvDataset.Task.CLASSIFICATION));
        assertEquals(List.of("-1", "0", "3.5"), c.classNames());
        assertArrayEquals(new float[] {2, 0, 1}, c.targets().toFloatArray());
    }

    @Test
    void missingValuesAreReportedWithFileLineAndColumn() throws IOException {
        Path p = csv("m.csv", "a,b,y", "1,2,0", "3,,1", "5,NA,0", "7,10,1");
        CsvFormatException e = assertThrows(CsvFormatException.class, () -> CsvDataset.load(p, CsvDataset.options().target("y")));
        assertTrue(e.getMessage().startsWith(p + ":3: column 'b': missing value"), e.getMessage());
        assertEquals(3, e.line());
        assertEquals("b", e.column());
    }

    @Test
    void missingValuesImputedOnlyWithAnExplicitOption() throws IOException {
        Path p = csv("m.csv", "a,b,c,y", "1,2,red,0", "3,,,1", "5,NA,red,0", "7,10,blue,1");
        // b present: 2, 10 -> mean 6, median 6; with an odd count check below. c: mode 'red'.
        CsvDataset mean = CsvDataset.load(p, CsvDataset.options().target("y").missing(CsvDataset.Missing.MEAN));
        assertEquals(List.of("a", "b", "c=blue", "c=red"), mean.featureNames());
        assertArrayEquals(new float[] {1, 2, 0, 1, 3, 6, 0, 1, 5, 6, 0, 1, 7, 10, 1, 0}, mean.features().toFloatArray());
        assertEquals(Map.of("b", 2, "c", 1), mean.imputedCounts());
        CsvDataset zero = CsvDataset.load(p, CsvDataset.options().target("y").missing(CsvDataset.Missing.ZERO));
        assertArrayEquals(new float[] {1, 2, 0, 1, 3, 0, 0, 0, 5, 0, 0, 1, 7, 10, 1, 0}, zero.features().toFloatArray());
        Path q = csv("odd.csv", "a,y", "1,0", "?,0", "2,0", "100,0");
        // present 1, 2, 100: mean 103/3 = 34.333.., median 2
        assertEquals(103f / 3, CsvDataset.load(q, CsvDataset.options().target("y").missing(CsvDataset.Missing.MEAN)).features().toFloatArray()[1], 1e-5);
        assertEquals(2f, CsvDataset.load(q, CsvDataset.options().target("y").missing(CsvDataset.Missing.MEDIAN)).features().toFloatArray()[1]);
        Path t = csv("t.csv", "a,y", "1,0", "2,", "3,1");
        assertTrue(assertThrows(CsvFormatException.class,
                () -> CsvDataset.load(t, CsvDataset.options().target("y").missing(CsvDataset.Missing.MEAN))).getMessage()
                .contains(":3: column 'y': missing target value"));
    }

    @Test
    void raggedRowsAndNonNumericValuesNameFileAndLine() throws IOException {
        Path rag = csv("rag.csv", "a,b,y", "1,2,0", "3,4,1", "5,0", "7,8,1");
        CsvFormatException e = assertThrows(CsvFormatException.class, () -> CsvDataset.load(rag, CsvDataset.options().target("y")));
        assertTrue(e.getMessage().startsWith(rag + ":4: row has 2 fields but the header has 3"), e.getMessage());
        Path txt = csv("txt.csv", "a,b,y", "1,2,0", "3,oops,1", "5,6,0", "7,8,1");
        e = assertThrows(CsvFormatException.class, () -> CsvDataset.load(txt, CsvDataset.options().target("y")));
        assertTrue(e.getMessage().startsWith(txt + ":3: column 'b': non-numeric value 'oops'"), e.getMessage());
        // declared categorical, the same column is one-hot encoded instead
        CsvDataset ok = CsvDataset.load(txt, CsvDataset.options().target("y").categorical("b"));
        assertEquals(List.of("a", "b=2", "b=6", "b=8", "b=oops"), ok.featureNames());
        assertTrue(assertThrows(CsvFormatException.class, () -> CsvDataset.load(txt, CsvDataset.options().target("nope")))
                .getMessage().contains("target column not found"));
    }

    @Test
    void irisLayoutsAndCaliforniaLayout() throws IOException {
        Path seaborn = csv("iris.csv", "sepal_length,sepal_width,petal_length,petal_width,species",
                "5.1,3.5,1.4,0.2,setosa", "7.0,3.2,4.7,1.4,versicolor", "6.3,3.3,6.0,2.5,virginica");
        Path kaggle = csv("Iris.csv", "Id,SepalLengthCm,SepalWidthCm,PetalLengthCm,PetalWidthCm,Species",
                "1,5.1,3.5,1.4,0.2,Iris-setosa", "51,7.0,3.2,4.7,1.4,Iris-versicolor", "101,6.3,3.3,6.0,2.5,Iris-virginica");
        for (Path p : List.of(seaborn, kaggle)) {
            CsvDataset d = Iris.load(p);
            assertArrayEquals(new int[] {3, 4}, d.features().shape(), p.toString());
            assertArrayEquals(new float[] {0, 1, 2}, d.targets().toFloatArray());
            assertEquals(3, d.classNames().size());
        }
        Path cal = csv("housing.csv", "longitude,latitude,total_bedrooms,median_house_value,ocean_proximity",
                "-122.23,37.88,129,452600,NEAR BAY", "-122.22,37.86,,358500,NEAR BAY", "-118.0,34.0,300,100000,INLAND");
        CsvDataset c = CaliforniaHousing.load(cal);
        assertEquals(List.of("longitude", "latitude", "total_bedrooms", "ocean_proximity=INLAND", "ocean_proximity=NEAR BAY"), c.featureNames());
        assertArrayEquals(new int[] {3, 1}, c.targets().shape());
        assertEquals(214.5f, c.features().toFloatArray()[5 + 2]); // median of 129 and 300
        // dollars are read as hundreds of thousands of dollars, scikit-learn's MedHouseVal unit: 452600 $ -> 4.526
        assertArrayEquals(new float[] {4.526f, 3.585f, 1.0f}, c.targets().toFloatArray(), 1e-6f);
        Path sk = csv("cal_sklearn.csv", "MedInc,HouseAge,MedHouseVal", "8.3252,41,4.526", "8.3014,21,3.585");
        assertArrayEquals(new float[] {4.526f, 3.585f}, CaliforniaHousing.load(sk).targets().toFloatArray(), 0f); // already in that unit
        assertThrows(CsvFormatException.class, () -> CaliforniaHousing.load(cal, null, CsvDataset.Missing.ERROR));
    }
}
