package dev.nabla.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** IDX files built by hand (magic 00 00 TYPE NDIM, big-endian dims, data), raw and gzip, and MNIST loading. */
class IdxMnistTest {
    @TempDir Path dir;

    /** Header + data bytes written by hand: 00 00 type ndim, then each dim as a big-endian int. */
    private static byte[] idx(int type, int[] dims, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
        b.put((byte) 0).put((byte) 0).put((byte) type).put((byte) dims.length);
        for (int d : dims) b.putInt(d);
        b.put(data);
        return b.array();
    }

    private static byte[] gzip(byte[] b) throws IOException {
        ByteArrayOutputStream bo = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(bo)) {
            g.write(b);
        }
        return bo.toByteArray();
    }

    private Path write(String name, byte[] content) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, content);
        return p;
    }

    @Test
    void readsRawAndGzip() throws IOException {
        byte[] data = {0, 1, (byte) 200, (byte) 255, 7, 8};
        byte[] raw = idx(Idx.UBYTE, new int[] {2, 3}, data);
        // Spelled out: 00 00 08 02 | 00 00 00 02 | 00 00 00 03 | data
        assertArrayEquals(new byte[] {0, 0, 8, 2, 0, 0, 0, 2, 0, 0, 0, 3}, Arrays.copyOf(raw, 12));
        for (Path p : new Path[] {write("a-idx2-ubyte", raw), write("a-idx2-ubyte.gz", gzip(raw))}) {
            Idx.Array a = Idx.read(p);
            assertEquals(Idx.UBYTE, a.type());
            assertArrayEquals(new int[] {2, 3}, a.dims());
            assertArrayEquals(new float[] {0, 1, 200, 255, 7, 8}, a.toFloatArray(1f));
        }
        // big-endian int32 and float32 values
        ByteBuffer v = ByteBuffer.allocate(8).putInt(-3).putFloat(1.5f);
        Idx.Array ints = Idx.read(write("i", idx(Idx.INT, new int[] {1}, Arrays.copyOf(v.array(), 4))));
        assertEquals(-3, ints.get(0));
        Idx.Array fl = Idx.read(write("f", idx(Idx.FLOAT, new int[] {1}, Arrays.copyOfRange(v.array(), 4, 8))));
        assertEquals(1.5, fl.get(0));
    }

    private IdxFormatException bad(Path p) {
        return assertThrows(IdxFormatException.class, () -> Idx.read(p));
    }

    @Test
    void rejectsBadMagicTypeAndSizes() throws IOException {
        Path magic = write("magic", new byte[] {1, 0, 8, 1, 0, 0, 0, 1, 5});
        IdxFormatException e = bad(magic);
        assertTrue(e.getMessage().startsWith(magic + ": byte 0: bad magic number 0x01000801"), e.getMessage());
        Path html = write("html", "<html>404</html>".getBytes());
        assertTrue(bad(html).getMessage().contains("HTML"));
        Path type = write("type", idx(0x0A, new int[] {1}, new byte[1]));
        assertTrue(bad(type).getMessage().startsWith(type + ": byte 2: unsupported type code 0x0a"));
        byte[] full = idx(Idx.UBYTE, new int[] {4, 5}, new byte[20]);
        Path trunc = write("trunc", Arrays.copyOf(full, full.length - 3));
        e = bad(trunc);
        assertEquals(29, e.offset()); // file has 12 + 17 = 29 bytes, 32 needed
        assertTrue(e.getMessage().contains("need 32 bytes but the file has 29 (truncated)"), e.getMessage());
        Path trailing = write("trailing", Arrays.copyOf(full, full.length + 1));
        assertTrue(bad(trailing).getMessage().contains("(trailing data)"));
        Path truncGz = write("trunc.gz", gzip(Arrays.copyOf(full, full.length - 3)));
        e = bad(truncGz);
        assertEquals(29, e.offset());
        assertTrue(e.getMessage().contains("decompressed") && e.getMessage().contains("truncated"), e.getMessage());
        Path dims = write("dims", new byte[] {0, 0, 8, 3, 0, 0});
        assertTrue(bad(dims).getMessage().contains("inside the dimension sizes"));
        // a tiny file claiming 2^31-1 x 2^31-1 values fails from the header without allocating
        Path bomb = write("bomb.gz", gzip(idx(Idx.UBYTE, new int[] {Integer.MAX_VALUE, Integer.MAX_VALUE}, new byte[0])));
        assertTrue(bad(bomb).getMessage().contains("more than 2^31-1 values"));
        Path bomb2 = write("bomb2.gz", gzip(idx(Idx.UBYTE, new int[] {Integer.MAX_VALUE - 100}, new byte[10])));
        assertEquals(18, bad(bomb2).offset());
    }

    private void writeMnist(Path d, boolean gz, String prefix, int n) throws IOException {
        byte[] px = new byte[n * 4 * 4];
        for (int i = 0; i < px.length; i++) px[i] = (byte) (i % 256);
        byte[] lb = new byte[n];
        for (int i = 0; i < n; i++) lb[i] = (byte) (i % 10);
        Idx.writeUbyte(d.resolve(prefix + "-images-idx3-ubyte" + (gz ? ".gz" : "")), new int[] {n, 4, 4}, px, gz);
        Idx.writeUbyte(d.resolve(prefix + "-labels-idx1-ubyte" + (gz ? ".gz" : "")), new int[] {n}, lb, gz);
    }

    @Test
    void loadsMnistLayoutScaledToUnitRange() throws IOException {
        Path d = dir.resolve("mnist");
        writeMnist(d, true, "train", 20);
        writeMnist(d, false, "t10k", 5);
        assertTrue(Mnist.isPresent(d));
        TensorDataset train = Mnist.load(d, true);
        assertEquals(20, train.size());
        assertArrayEquals(new int[] {16}, train.featureShape());
        float[] x = train.features().toFloatArray();
        assertEquals(255 / 255f, x[255], 1e-7); // pixel index 255 has byte value 255
        assertEquals(17 / 255f, x[17], 1e-7);
        assertArrayEquals(new int[] {20}, train.targets().shape());
        assertEquals(3f, train.targets().toFloatArray()[13]);
        assertEquals(5, Mnist.load(d, false).size());
        assertEquals(7, Mnist.load(d, true, 7).size());
    }

    @Test
    void missingFilesSayWhatWasLookedForAndHowToGetThem() throws IOException {
        Path d = dir.resolve("empty");
        FileNotFoundException e = assertThrows(FileNotFoundException.class, () -> Mnist.load(d, true));
        assertTrue(e.getMessage().contains("train-images-idx3-ubyte.gz"), e.getMessage());
        assertTrue(e.getMessage().contains("t10k-labels-idx1-ubyte[.gz]"), e.getMessage());
        assertTrue(e.getMessage().contains("--download"), e.getMessage());
        writeMnist(d, false, "train", 3);
        Files.write(d.resolve("train-labels-idx1-ubyte"), idx(Idx.UBYTE, new int[] {2}, new byte[2]));
        assertTrue(assertThrows(IdxFormatException.class, () -> Mnist.load(d, true)).getMessage().contains("has 2 labels but"));
    }
}
