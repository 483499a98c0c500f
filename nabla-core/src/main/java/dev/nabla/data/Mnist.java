package dev.nabla.data;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Loads MNIST or Fashion-MNIST (same file names and format) from a directory holding the four
 * standard IDX files, raw or gzip-compressed: {@code train-images-idx3-ubyte[.gz]},
 * {@code train-labels-idx1-ubyte[.gz]}, {@code t10k-images-idx3-ubyte[.gz]},
 * {@code t10k-labels-idx1-ubyte[.gz]} (the dotted variants {@code train-images.idx3-ubyte} and a
 * {@code raw/} subdirectory, as torchvision lays them out, are found too). Use {@link Download} to
 * fetch them.
 *
 * <p>The dataset has pixels scaled to [0, 1] as float32 of shape (N, 784) and labels (N,) holding the
 * class index as a float. The pixels stay bytes in memory, scaled by 1/255 as each batch is gathered
 * ({@link TensorDataset#wrapUnsignedBytes}), as torchvision keeps MNIST: 47 MB for the training set instead of 188.
 */
public final class Mnist {
    /** Image side length of MNIST. */
    public static final int SIDE = 28;
    /** The four standard file names (uncompressed), training images first. */
    public static final List<String> FILES = List.of(
            "train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte");
    /** Fashion-MNIST class names, by label. */
    public static final List<String> FASHION_CLASSES = List.of(
            "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    private Mnist() {}

    /** The training (60,000) or test (10,000) set from {@code dir}. */
    public static TensorDataset load(Path dir, boolean train) throws IOException {
        return load(dir, train, Integer.MAX_VALUE);
    }

    /** As {@link #load(Path, boolean)}, keeping only the first {@code limit} samples. */
    public static TensorDataset load(Path dir, boolean train, int limit) throws IOException {
        if (limit <= 0) throw new IllegalArgumentException("limit must be positive, got " + limit);
        String prefix = train ? "train" : "t10k";
        Path images = find(dir, prefix + "-images-idx3-ubyte");
        Path labels = find(dir, prefix + "-labels-idx1-ubyte");
        Idx.Array im = Idx.read(images);
        Idx.Array lb = Idx.read(labels);
        if (im.type() != Idx.UBYTE || im.dims().length != 3) {
            throw new IdxFormatException(images, 2, "expected unsigned-byte images of 3 dimensions (N, rows, cols), got type 0x"
                    + Integer.toHexString(im.type()) + " dims " + Arrays.toString(im.dims()));
        }
        if (lb.type() != Idx.UBYTE || lb.dims().length != 1) {
            throw new IdxFormatException(labels, 2, "expected unsigned-byte labels of 1 dimension (N), got type 0x"
                    + Integer.toHexString(lb.type()) + " dims " + Arrays.toString(lb.dims()));
        }
        int n = im.dims()[0];
        if (lb.dims()[0] != n) {
            throw new IdxFormatException(labels, 4, "has " + lb.dims()[0] + " labels but " + images.getFileName() + " has " + n + " images");
        }
        int pixels = im.dims()[1] * im.dims()[2];
        int keep = Math.min(n, limit);
        byte[] src = im.data();
        byte[] x = src.length == keep * pixels ? src : Arrays.copyOf(src, keep * pixels);
        byte[] lsrc = lb.data();
        float[] y = new float[keep];
        for (int i = 0; i < keep; i++) y[i] = lsrc[i] & 0xff;
        return TensorDataset.wrapUnsignedBytes(keep, new int[] {pixels}, x, 1f / 255f, new int[0], y);
    }

    /** Whether {@code dir} holds all four files (raw or .gz). */
    public static boolean isPresent(Path dir) {
        for (String f : FILES) {
            if (locate(dir, f) == null) return false;
        }
        return true;
    }

    private static Path locate(Path dir, String base) {
        String dotted = base.replace("-idx", ".idx");
        for (Path d : new Path[] {dir, dir.resolve("raw")}) {
            for (String name : new String[] {base, base + ".gz", dotted, dotted + ".gz"}) {
                Path p = d.resolve(name);
                if (Files.isRegularFile(p)) return p;
            }
        }
        return null;
    }

    private static Path find(Path dir, String base) throws FileNotFoundException {
        Path p = locate(dir, base);
        if (p != null) return p;
        List<String> missing = new ArrayList<>();
        for (String f : FILES) if (locate(dir, f) == null) missing.add(f + "[.gz]");
        String where = Files.isDirectory(dir) ? "directory " + dir.toAbsolutePath() : "directory " + dir.toAbsolutePath() + " (which does not exist)";
        throw new FileNotFoundException("MNIST file " + base + " not found in " + where + ". Looked for " + base + ", " + base + ".gz"
                + " (and the same under raw/); missing: " + String.join(", ", missing)
                + ". Get them with the --download option (or Download.fetch(Download.MNIST, dir) /"
                + " Download.FASHION_MNIST for Fashion-MNIST), or copy the four standard files there.");
    }
}
