package dev.nabla.data;

import dev.nabla.io.AtomicFiles;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Reads and writes IDX files, the format of MNIST and Fashion-MNIST: a 4-byte magic number
 * {@code 0x00 0x00 TYPE NDIM}, then NDIM big-endian 32-bit dimension sizes, then the values
 * big-endian in row-major order. TYPE is 0x08 unsigned byte, 0x09 signed byte, 0x0B short,
 * 0x0C int, 0x0D float or 0x0E double. Gzip-compressed files ({@code .gz}, recognised by their
 * content) are decompressed on the fly.
 *
 * <p>Every problem — wrong magic, unsupported type code, a size that disagrees with the
 * dimensions (truncated or trailing data) — is an {@link IdxFormatException} naming the file and the
 * byte offset. Sizes are checked against the real file size before anything is allocated.
 */
public final class Idx {
    /** Type code of unsigned bytes (MNIST pixels and labels). */
    public static final int UBYTE = 0x08;
    /** Type code of signed bytes. */
    public static final int BYTE = 0x09;
    /** Type code of 16-bit integers. */
    public static final int SHORT = 0x0B;
    /** Type code of 32-bit integers. */
    public static final int INT = 0x0C;
    /** Type code of 32-bit floats. */
    public static final int FLOAT = 0x0D;
    /** Type code of 64-bit floats. */
    public static final int DOUBLE = 0x0E;

    private Idx() {}

    /** The content of an IDX file: its type code, dimensions and raw big-endian values. */
    public record Array(int type, int[] dims, byte[] data) {
        /** Copies the dims defensively. */
        public Array {
            dims = dims.clone();
        }

        @Override public int[] dims() { return dims.clone(); }

        /** Number of values (product of the dims). */
        public int numel() { return data.length / elementSize(type); }

        /** Value {@code i} (row-major) as a double (unsigned for {@link #UBYTE}). */
        public double get(int i) {
            ByteBuffer b = ByteBuffer.wrap(data);
            switch (type) {
                case UBYTE: return data[i] & 0xff;
                case BYTE: return data[i];
                case SHORT: return b.getShort(i * 2);
                case INT: return b.getInt(i * 4);
                case FLOAT: return b.getFloat(i * 4);
                default: return b.getDouble(i * 8);
            }
        }

        /** All values as floats, each multiplied by {@code scale} (e.g. 1/255 for pixels). */
        public float[] toFloatArray(float scale) {
            int n = numel();
            float[] out = new float[n];
            if (type == UBYTE) {
                for (int i = 0; i < n; i++) out[i] = (data[i] & 0xff) * scale;
            } else {
                for (int i = 0; i < n; i++) out[i] = (float) (get(i) * scale);
            }
            return out;
        }
    }

    /** Bytes per value of a type code, or -1 if the code is not an IDX type. */
    public static int elementSize(int type) {
        switch (type) {
            case UBYTE: case BYTE: return 1;
            case SHORT: return 2;
            case INT: case FLOAT: return 4;
            case DOUBLE: return 8;
            default: return -1;
        }
    }

    /** Reads an IDX file, raw or gzip-compressed. */
    public static Array read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) throw new NoSuchFileException(file.toString(), null, "IDX file not found");
        long fileSize = Files.size(file);
        boolean gz;
        try (InputStream in = Files.newInputStream(file)) {
            gz = in.read() == 0x1f && in.read() == 0x8b;
        }
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            InputStream in = gz ? new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16) : raw;
            return read(in, file, gz ? -1 : fileSize);
        } catch (java.util.zip.ZipException e) {
            throw new IdxFormatException(file, -1, "corrupt gzip data: " + e.getMessage());
        } catch (java.io.EOFException e) {
            // GZIPInputStream's own header/trailer reads end early on a truncated .gz
            throw new IdxFormatException(file, fileSize, "truncated gzip data: the file ends inside the gzip header or stream");
        }
    }

    /**
     * Reads IDX content from a stream; {@code file} names it in errors and {@code knownSize} is its
     * total length in bytes when known (-1 otherwise, e.g. decompressed data).
     */
    public static Array read(InputStream in, Path file, long knownSize) throws IOException {
        String where = knownSize < 0 ? " of the decompressed data" : "";
        byte[] head = in.readNBytes(4);
        if (head.length < 4) throw new IdxFormatException(file, head.length, "file ends inside the 4-byte magic number" + where);
        if (head[0] != 0 || head[1] != 0) {
            String hint = head[0] == '<' ? " (this looks like HTML — a failed download?)" : "";
            throw new IdxFormatException(file, 0, String.format("bad magic number 0x%02x%02x%02x%02x: an IDX file starts with two zero bytes,"
                    + " a type code and the number of dimensions (0x00000803 for images, 0x00000801 for labels)%s",
                    head[0], head[1], head[2], head[3], hint));
        }
        int type = head[2] & 0xff;
        int es = elementSize(type);
        if (es < 0) {
            throw new IdxFormatException(file, 2, String.format("unsupported type code 0x%02x (expected 0x08, 0x09, 0x0b, 0x0c, 0x0d or 0x0e)", type));
        }
        int nd = head[3] & 0xff;
        if (nd == 0) throw new IdxFormatException(file, 3, "number of dimensions is 0");
        byte[] db = in.readNBytes(4 * nd);
        if (db.length < 4 * nd) {
            throw new IdxFormatException(file, 4 + db.length, "file ends inside the dimension sizes" + where + " (header declares " + nd + " dimensions)");
        }
        ByteBuffer bb = ByteBuffer.wrap(db);
        int[] dims = new int[nd];
        long numel = 1;
        for (int i = 0; i < nd; i++) {
            long d = bb.getInt() & 0xffffffffL;
            if (d > Integer.MAX_VALUE) throw new IdxFormatException(file, 4 + 4L * i, "dimension " + i + " has size " + d + ", over 2^31-1");
            dims[i] = (int) d;
            numel *= d;
            if (numel > Integer.MAX_VALUE) throw new IdxFormatException(file, 4 + 4L * i, "dimensions " + Arrays.toString(Arrays.copyOf(dims, i + 1)) + " hold more than 2^31-1 values");
        }
        long headerLen = 4 + 4L * nd;
        long bytes = numel * es;
        if (knownSize >= 0 && knownSize != headerLen + bytes) {
            long off = Math.min(knownSize, headerLen + bytes);
            throw new IdxFormatException(file, off, "dimensions " + Arrays.toString(dims) + " of " + es + "-byte values need "
                    + (headerLen + bytes) + " bytes but the file has " + knownSize
                    + (knownSize < headerLen + bytes ? " (truncated)" : " (trailing data)"));
        }
        if (bytes > Integer.MAX_VALUE - 16) throw new IdxFormatException(file, headerLen, bytes + " bytes of values exceed what one array can hold");
        byte[] data = readUpTo(in, (int) bytes);
        if (data.length < bytes) {
            throw new IdxFormatException(file, headerLen + data.length, "data ends after " + data.length + " of " + bytes
                    + " value bytes" + where + " for dimensions " + Arrays.toString(dims) + " (truncated)");
        }
        if (in.read() >= 0) {
            throw new IdxFormatException(file, headerLen + bytes, "trailing data" + where + " after the " + bytes
                    + " value bytes that dimensions " + Arrays.toString(dims) + " need");
        }
        return new Array(type, dims, data);
    }

    /** Reads up to n bytes, growing the buffer with the data actually present (a lying header cannot force a huge allocation). */
    private static byte[] readUpTo(InputStream in, int n) throws IOException {
        byte[] buf = new byte[Math.min(n, 1 << 20)];
        int len = 0;
        while (len < n) {
            if (len == buf.length) buf = Arrays.copyOf(buf, (int) Math.min(n, 2L * buf.length));
            int r = in.read(buf, len, buf.length - len);
            if (r < 0) break;
            len += r;
        }
        return len == buf.length ? buf : Arrays.copyOf(buf, len);
    }

    /** Writes unsigned bytes as an IDX file (gzip-compressed when {@code gzip}), atomically. */
    public static void writeUbyte(Path file, int[] dims, byte[] data, boolean gzip) throws IOException {
        long n = 1;
        for (int d : dims) n *= d;
        if (n != data.length) throw new IllegalArgumentException("writeUbyte: " + data.length + " bytes for dims " + Arrays.toString(dims));
        ByteBuffer head = ByteBuffer.allocate(4 + 4 * dims.length);
        head.put((byte) 0).put((byte) 0).put((byte) UBYTE).put((byte) dims.length);
        for (int d : dims) head.putInt(d);
        AtomicFiles.write(file, out -> {
            if (gzip) {
                GZIPOutputStream gz = new GZIPOutputStream(out, 1 << 16);
                gz.write(head.array());
                gz.write(data);
                gz.finish();
            } else {
                out.write(head.array());
                out.write(data);
            }
        });
    }
}
