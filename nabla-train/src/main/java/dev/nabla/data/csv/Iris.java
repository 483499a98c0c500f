package dev.nabla.data.csv;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Loads the Iris data set from a CSV with a header in any of the common layouts:
 * {@code sepal_length,sepal_width,petal_length,petal_width,species} (seaborn),
 * {@code Id,SepalLengthCm,...,Species} (Kaggle/UCI), {@code "Sepal.Length",...,"Species"} (R),
 * or scikit-learn's frame with a numeric {@code target}. The label column is the one named species,
 * variety, class, target or label (any case); an {@code Id} or unnamed index column is dropped. The
 * result has 4 features and class labels (N,) with class names in sorted order.
 */
public final class Iris {
    private Iris() {}

    /** Loads {@code csv}. */
    public static CsvDataset load(Path csv) throws IOException {
        List<String> header = CsvHeaders.read(csv);
        String target = null;
        List<String> drop = new ArrayList<>();
        for (String h : header) {
            String k = h.trim().toLowerCase(Locale.ROOT);
            if (k.equals("species") || k.equals("variety") || k.equals("class") || k.equals("target") || k.equals("label")) target = h;
            if (k.equals("id") || k.isEmpty() || k.equals("unnamed: 0")) drop.add(h);
        }
        if (target == null) {
            throw new CsvFormatException(csv, 1, null, "no label column (species, variety, class, target or label) among " + header);
        }
        return CsvDataset.load(csv, CsvDataset.options().target(target).task(CsvDataset.Task.CLASSIFICATION).drop(drop.toArray(new String[0])));
    }
}
