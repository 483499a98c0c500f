package dev.nabla.data.csv;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Loads California housing from a CSV with a header: the Kaggle/Géron layout ({@code longitude,
 * latitude, ..., median_house_value, ocean_proximity} — the text column is one-hot encoded) or
 * scikit-learn's frame ({@code MedInc, ..., MedHouseVal}), or any other layout with the target named
 * explicitly. The target is a regression value of shape (N, 1), in hundreds of thousands of dollars in both
 * layouts: the Kaggle file's {@code median_house_value} (dollars) is divided by 100 000 as it is read, which is
 * scikit-learn's {@code MedHouseVal} unit. A target of about 0.15–5 trains with the usual learning rates; in
 * dollars (up to 500 001) a linear model trained by Adam at 1e-3 could not even move its bias far enough.
 */
public final class CaliforniaHousing {
    /** Target column names tried in order when none is given. */
    public static final List<String> TARGET_NAMES = List.of("median_house_value", "MedHouseVal", "target");

    /** The Kaggle/Géron target column, in dollars. */
    public static final String DOLLAR_TARGET = "median_house_value";

    private CaliforniaHousing() {}

    /**
     * Loads {@code csv} with the target found among {@link #TARGET_NAMES}, imputing missing feature
     * values with the column MEDIAN (the Kaggle file lacks 207 {@code total_bedrooms} values).
     */
    public static CsvDataset load(Path csv) throws IOException {
        return load(csv, null, CsvDataset.Missing.MEDIAN);
    }

    /** Loads {@code csv} with an explicit target column (null to detect it) and missing-value policy. */
    public static CsvDataset load(Path csv, String target, CsvDataset.Missing missing) throws IOException {
        String t = target;
        if (t == null) {
            List<String> header = CsvHeaders.read(csv);
            for (String want : TARGET_NAMES) {
                for (String h : header) if (t == null && h.trim().toLowerCase(Locale.ROOT).equals(want.toLowerCase(Locale.ROOT))) t = h;
            }
            if (t == null) {
                throw new CsvFormatException(csv, 1, null, "no target column among " + header + "; expected one of " + TARGET_NAMES
                        + " or name it explicitly");
            }
        }
        CsvDataset.Options opt = CsvDataset.options().target(t).task(CsvDataset.Task.REGRESSION).missing(missing);
        if (t.trim().equalsIgnoreCase(DOLLAR_TARGET)) opt.targetScale(1e-5);
        return CsvDataset.load(csv, opt);
    }
}
