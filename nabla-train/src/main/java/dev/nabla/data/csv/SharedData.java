package dev.nabla.data.csv;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the project's shared real data sets (MNIST, Fashion-MNIST, California housing, Iris) when
 * present. The root is the system property {@code nabla.shared} (either the {@code shared/} folder
 * or its {@code data/} subfolder), else the environment variable {@code NABLA_SHARED}, else
 * {@code ../shared/data} relative to the repository root, found by walking up from the working
 * directory. Every lookup returns empty when the data is absent, so callers and tests can skip.
 */
public final class SharedData {
    private SharedData() {}

    /** The data root, if it exists. */
    public static Optional<Path> root() {
        String prop = System.getProperty("nabla.shared");
        if (prop == null || prop.isBlank()) prop = System.getenv("NABLA_SHARED");
        if (prop != null && !prop.isBlank()) {
            Path p = Path.of(prop).toAbsolutePath().normalize();
            if (Files.isDirectory(p.resolve("data"))) return Optional.of(p.resolve("data"));
            return Files.isDirectory(p) ? Optional.of(p) : Optional.empty();
        }
        Path dir = Path.of("").toAbsolutePath();
        for (int up = 0; up < 4 && dir != null; up++, dir = dir.getParent()) {
            Path candidate = dir.resolve("../shared/data").normalize();
            if (Files.isDirectory(candidate)) return Optional.of(candidate);
        }
        return Optional.empty();
    }

    /** The first of {@code relativePaths} (files or directories) that exists under the root. */
    public static Optional<Path> find(String... relativePaths) {
        Optional<Path> r = root();
        if (r.isEmpty()) return Optional.empty();
        for (String rel : relativePaths) {
            Path p = r.get().resolve(rel);
            if (Files.exists(p)) return Optional.of(p);
        }
        return Optional.empty();
    }

    /** A directory holding the MNIST files ({@code mnist/}, {@code MNIST/}, {@code MNIST/raw/}). */
    public static Optional<Path> mnist() {
        return findMnist("mnist", "MNIST", "MNIST/raw", "mnist/raw");
    }

    /** A directory holding the Fashion-MNIST files. */
    public static Optional<Path> fashionMnist() {
        return findMnist("fashion-mnist", "fashion_mnist", "FashionMNIST", "FashionMNIST/raw", "fashion-mnist/raw", "fashion");
    }

    private static Optional<Path> findMnist(String... names) {
        Optional<Path> r = root();
        if (r.isEmpty()) return Optional.empty();
        for (String n : names) {
            Path p = r.get().resolve(n);
            if (Files.isDirectory(p) && dev.nabla.data.Mnist.isPresent(p)) return Optional.of(p);
        }
        return Optional.empty();
    }

    /** The Iris CSV. */
    public static Optional<Path> iris() {
        return find("iris.csv", "Iris.csv", "iris/iris.csv", "iris/Iris.csv", "IRIS.csv");
    }

    /** The California housing CSV. */
    public static Optional<Path> californiaHousing() {
        return find("california_housing.csv", "housing.csv", "california-housing.csv", "california_housing/housing.csv",
                "california_housing/california_housing.csv", "california-housing/housing.csv", "california_housing_train.csv");
    }
}
