package dev.nabla.io;

import dev.nabla.DType;
import dev.nabla.Tensor;
import dev.nabla.tensor.Shapes;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads and writes the <a href="https://github.com/huggingface/safetensors">safetensors</a> format,
 * so weights move between Nabla and PyTorch/NumPy unchanged.
 *
 * <p>Layout: an 8-byte little-endian unsigned header length {@code N}; {@code N} bytes of UTF-8 JSON
 * mapping each tensor name to {@code {"dtype": "F32", "shape": [..], "data_offsets": [begin, end]}}
 * plus an optional {@code "__metadata__"} object of strings; then the byte buffer, with offsets
 * relative to its start, values little-endian and row-major. Writing pads the header with spaces
 * to a multiple of 8 bytes (as the reference implementation does) and lays tensors out in the
 * map's order.
 *
 * <p>Reading checks the file before trusting it, so a corrupt or hostile file fails fast with a
 * {@link SafetensorsFormatException} naming the file and byte offset: header length beyond the
 * file or over {@value #MAX_HEADER_BYTES} bytes, header not UTF-8 or not JSON, unknown dtype, bad
 * shape, {@code data_offsets} out of range, overlapping or leaving gaps (the tensors must cover
 * the byte buffer exactly), and byte sizes disagreeing with shape × dtype size. Nothing is
 * allocated from header numbers before they are checked against the real file size.
 *
 * <p>F32 loads as float32 and F64 as float64; F16, BF16, I8, U8, I16, U16, I32, U32, I64, U64 and
 * BOOL are converted to float32 on load. Save writes F32/F64.
 *
 * <pre>{@code
 * Safetensors.save(path, model.stateDict(), Map.of("epoch", "3"));
 * Safetensors.Loaded f = Safetensors.load(path);
 * model.loadStateDict(f.tensors());
 * }</pre>
 */
public final class Safetensors {
    /** Largest header accepted (the reference implementation's limit, 100 MB). */
    public static final long MAX_HEADER_BYTES = 100_000_000L;

    private static final String METADATA_KEY = "__metadata__";
    private static final int CHUNK = 1 << 16;

    private Safetensors() {}

    /** One entry of a safetensors header, after validation. */
    public record TensorInfo(String name, String dtype, int[] shape, long begin, long end) {
        /** Copies the shape defensively. */
        public TensorInfo {
            shape = shape.clone();
        }

        @Override public int[] shape() { return shape.clone(); }

        /** Number of elements (product of the shape). */
        public long numel() {
            long n = 1;
            for (int s : shape) n *= s;
            return n;
        }

        @Override public String toString() {
            return name + " " + dtype + " " + Shapes.format(shape) + " [" + begin + ", " + end + ")";
        }
    }

    /**
     * A validated header: entries in header order, the metadata, and where the byte buffer starts
     * in the file ({@code 8 + N}).
     */
    public record Header(Path file, Map<String, TensorInfo> tensors, Map<String, String> metadata, long dataStart) {
        /** Wraps the maps unmodifiably. */
        public Header {
            tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
            metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        }
    }

    /** The content of a safetensors file: tensors in header order and the {@code __metadata__} strings. */
    public record Loaded(Map<String, Tensor> tensors, Map<String, String> metadata) {
        /** Wraps the maps unmodifiably (order kept). */
        public Loaded {
            tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
            metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        }
    }

    // ------------------------------------------------------------------ element types

    /** Bytes per element of a safetensors dtype name, or -1 when the name is not a safetensors dtype. */
    static int elementSize(String dtype) {
        switch (dtype) {
            case "BOOL": case "U8": case "I8": case "F8_E5M2": case "F8_E4M3": return 1;
            case "I16": case "U16": case "F16": case "BF16": return 2;
            case "I32": case "U32": case "F32": return 4;
            case "I64": case "U64": case "F64": return 8;
            default: return -1;
        }
    }

    private static boolean readable(String dtype) {
        return elementSize(dtype) > 0 && !dtype.startsWith("F8_");
    }

    // ------------------------------------------------------------------ saving

    /** Saves {@code tensors} (float32 or float64, any layout) atomically, with no metadata. */
    public static void save(Path file, Map<String, Tensor> tensors) throws IOException {
        save(file, tensors, null);
    }

    /**
     * Saves {@code tensors} in map order with optional {@code metadata} (null or empty for none),
     * atomically via {@link AtomicFiles}.
     */
    public static void save(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        Objects.requireNonNull(tensors, "tensors");
        byte[] header = headerBytes(tensors, metadata);
        AtomicFiles.write(file, out -> writeTo(out, header, tensors));
    }

    /** The complete file content as bytes (handy for tests and in-memory transfer). */
    public static byte[] toBytes(Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        byte[] header = headerBytes(tensors, metadata);
        java.io.ByteArrayOutputStream bo = new java.io.ByteArrayOutputStream();
        writeTo(bo, header, tensors);
        return bo.toByteArray();
    }

    private static byte[] headerBytes(Map<String, Tensor> tensors, Map<String, String> metadata) {
        Map<String, Object> json = new LinkedHashMap<>();
        if (metadata != null && !metadata.isEmpty()) {
            for (Map.Entry<String, String> e : metadata.entrySet()) {
                if (e.getKey() == null || e.getValue() == null) throw new IllegalArgumentException("safetensors metadata keys and values must be non-null");
            }
            json.put(METADATA_KEY, new LinkedHashMap<>(metadata));
        }
        long offset = 0;
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            String name = e.getKey();
            Tensor t = e.getValue();
            if (name == null || name.isEmpty()) throw new IllegalArgumentException("safetensors: tensor names must be non-empty");
            if (name.equals(METADATA_KEY)) throw new IllegalArgumentException("safetensors: '" + METADATA_KEY + "' is reserved and cannot name a tensor");
            Objects.requireNonNull(t, () -> "safetensors: tensor '" + name + "' is null");
            long bytes = (long) t.numel() * t.dtype().byteSize();
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("dtype", t.dtype().safetensorsName());
            info.put("shape", t.shape());
            info.put("data_offsets", new long[] {offset, offset + bytes});
            json.put(name, info);
            offset += bytes;
        }
        byte[] raw = Json.write(json).getBytes(StandardCharsets.UTF_8);
        int padded = (raw.length + 7) / 8 * 8;
        byte[] out = new byte[8 + padded];
        ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).putLong(padded);
        System.arraycopy(raw, 0, out, 8, raw.length);
        for (int i = 8 + raw.length; i < out.length; i++) out[i] = ' ';
        return out;
    }

    private static void writeTo(OutputStream out, byte[] header, Map<String, Tensor> tensors) throws IOException {
        out.write(header);
        ByteBuffer buf = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
        for (Tensor t : tensors.values()) {
            if (t.dtype() == DType.FLOAT64) {
                double[] d = t.toDoubleArray();
                for (double v : d) {
                    if (buf.remaining() < 8) flush(out, buf);
                    buf.putDouble(v);
                }
            } else {
                float[] f = t.toFloatArray();
                for (float v : f) {
                    if (buf.remaining() < 4) flush(out, buf);
                    buf.putFloat(v);
                }
            }
        }
        flush(out, buf);
    }

    private static void flush(OutputStream out, ByteBuffer buf) throws IOException {
        out.write(buf.array(), 0, buf.position());
        buf.clear();
    }

    // ------------------------------------------------------------------ reading

    /** Loads every tensor and the metadata of {@code file}. */
    public static Loaded load(Path file) throws IOException {
        try (FileChannel ch = open(file)) {
            Header h = parseHeader(file, ch);
            Map<String, Tensor> out = new LinkedHashMap<>();
            for (TensorInfo info : h.tensors().values()) out.put(info.name(), readTensor(file, ch, h.dataStart(), info));
            return new Loaded(out, h.metadata());
        }
    }

    /** Reads and validates only the header (cheap: does not touch the tensor data). */
    public static Header readHeader(Path file) throws IOException {
        try (FileChannel ch = open(file)) {
            return parseHeader(file, ch);
        }
    }

    private static FileChannel open(Path file) throws IOException {
        try {
            return FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null, "safetensors file not found");
        }
    }

    private static SafetensorsFormatException bad(Path file, long offset, String detail) {
        return new SafetensorsFormatException(file, offset, detail);
    }

    private static Header parseHeader(Path file, FileChannel ch) throws IOException {
        long size = ch.size();
        if (size < 8) throw bad(file, 0, "file is " + size + " bytes, too short for the 8-byte header length");
        ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        readFully(ch, lenBuf, 0, file);
        long n = lenBuf.getLong(0); // unsigned: a negative value is >= 2^63
        if (n < 0 || n > MAX_HEADER_BYTES) {
            throw bad(file, 0, "header length " + Long.toUnsignedString(n) + " exceeds the limit of " + MAX_HEADER_BYTES + " bytes");
        }
        if (n > size - 8) {
            throw bad(file, 0, "header length " + n + " runs past the end of the file (" + size + " bytes, so at most " + (size - 8) + ")");
        }
        if (n < 2) throw bad(file, 0, "header length " + n + " is too small for a JSON object");
        ByteBuffer hb = ByteBuffer.allocate((int) n);
        readFully(ch, hb, 8, file);
        hb.flip();
        if (hb.get(0) != '{') throw bad(file, 8, "header does not start with '{'");
        String text;
        CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            text = dec.decode(hb).toString();
        } catch (CharacterCodingException e) {
            throw bad(file, 8 + firstInvalidUtf8(hb), "header is not valid UTF-8");
        }
        Object parsed;
        try {
            parsed = Json.parse(text);
        } catch (Json.ParseException e) {
            long at = 8 + utf8Length(text, Math.min(e.index(), text.length()));
            throw new SafetensorsFormatException(file, at, "header is not valid JSON: " + e.getMessage(), e);
        }
        if (!(parsed instanceof Map)) throw bad(file, 8, "header is not a JSON object");
        long dataStart = 8 + n;
        long bufferLen = size - dataStart;
        Map<String, TensorInfo> infos = new LinkedHashMap<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : ((Map<?, ?>) parsed).entrySet()) {
            String name = (String) e.getKey();
            long at = 8 + keyOffset(text, name);
            if (name.equals(METADATA_KEY)) {
                if (!(e.getValue() instanceof Map)) throw bad(file, at, "\"" + METADATA_KEY + "\" must be an object of strings");
                for (Map.Entry<?, ?> m : ((Map<?, ?>) e.getValue()).entrySet()) {
                    if (!(m.getValue() instanceof String)) {
                        throw bad(file, at, "\"" + METADATA_KEY + "\" value of \"" + m.getKey() + "\" is not a string");
                    }
                    metadata.put((String) m.getKey(), (String) m.getValue());
                }
                continue;
            }
            infos.put(name, entry(file, at, name, e.getValue(), bufferLen));
        }
        checkLayout(file, dataStart, bufferLen, infos);
        return new Header(file, infos, metadata, dataStart);
    }

    private static TensorInfo entry(Path file, long at, String name, Object value, long bufferLen) throws IOException {
        String what = "tensor \"" + name + "\": ";
        if (!(value instanceof Map)) throw bad(file, at, what + "entry is not an object");
        Map<?, ?> m = (Map<?, ?>) value;
        Object dt = m.get("dtype");
        if (!(dt instanceof String)) throw bad(file, at, what + "missing or non-string \"dtype\"");
        String dtype = (String) dt;
        int es = elementSize(dtype);
        if (es < 0) throw bad(file, at, what + "unknown dtype \"" + dtype + "\"");
        if (!readable(dtype)) throw bad(file, at, what + "dtype " + dtype + " is not supported by Nabla");
        Object sh = m.get("shape");
        if (!(sh instanceof List)) throw bad(file, at, what + "missing or non-array \"shape\"");
        List<?> sl = (List<?>) sh;
        int[] shape = new int[sl.size()];
        BigInteger numel = BigInteger.ONE;
        for (int i = 0; i < shape.length; i++) {
            Object d = sl.get(i);
            if (!(d instanceof Long) && !(d instanceof BigInteger)) throw bad(file, at, what + "shape entry " + i + " is not an integer: " + d);
            BigInteger b = d instanceof Long ? BigInteger.valueOf((Long) d) : (BigInteger) d;
            if (b.signum() < 0) throw bad(file, at, what + "negative dimension " + b + " in shape");
            numel = numel.multiply(b);
            shape[i] = b.bitLength() < 32 ? b.intValue() : -1;
        }
        Object off = m.get("data_offsets");
        if (!(off instanceof List) || ((List<?>) off).size() != 2) throw bad(file, at, what + "\"data_offsets\" must be [begin, end]");
        long[] be = new long[2];
        for (int i = 0; i < 2; i++) {
            Object o = ((List<?>) off).get(i);
            if (!(o instanceof Long) || (Long) o < 0) {
                if (o instanceof BigInteger && ((BigInteger) o).signum() > 0) {
                    throw bad(file, at, what + "data_offsets " + off + " lie beyond the " + bufferLen + "-byte data buffer");
                }
                throw bad(file, at, what + "data_offsets entries must be non-negative integers, got " + o);
            }
            be[i] = (Long) o;
        }
        if (be[1] < be[0]) throw bad(file, at, what + "data_offsets " + off + " end before they begin");
        if (be[1] > bufferLen) {
            throw bad(file, at, what + "data_offsets " + off + " lie beyond the " + bufferLen + "-byte data buffer (file byte " + be[1] + " of the buffer)");
        }
        BigInteger expected = numel.multiply(BigInteger.valueOf(es));
        if (!expected.equals(BigInteger.valueOf(be[1] - be[0]))) {
            throw bad(file, at, what + "shape " + sl + " of " + dtype + " needs " + expected + " bytes but data_offsets " + off
                    + " hold " + (be[1] - be[0]));
        }
        for (int s : shape) {
            if (s < 0) throw bad(file, at, what + "a dimension of shape " + sl + " exceeds 2^31-1");
        }
        if (numel.bitLength() >= 32) throw bad(file, at, what + "shape " + sl + " has more than 2^31-1 elements");
        return new TensorInfo(name, dtype, shape, be[0], be[1]);
    }

    private static void checkLayout(Path file, long dataStart, long bufferLen, Map<String, TensorInfo> infos) throws IOException {
        List<TensorInfo> sorted = new ArrayList<>(infos.values());
        sorted.sort((a, b) -> a.begin() != b.begin() ? Long.compare(a.begin(), b.begin()) : Long.compare(a.end(), b.end()));
        long expect = 0;
        TensorInfo prev = null;
        for (TensorInfo t : sorted) {
            if (t.begin() < expect) {
                throw bad(file, dataStart + t.begin(), "tensor \"" + t.name() + "\" [" + t.begin() + ", " + t.end() + ") overlaps tensor \""
                        + prev.name() + "\" [" + prev.begin() + ", " + prev.end() + ")");
            }
            if (t.begin() > expect) {
                throw bad(file, dataStart + expect, "bytes [" + expect + ", " + t.begin() + ") of the data buffer belong to no tensor (before tensor \""
                        + t.name() + "\")");
            }
            expect = t.end();
            prev = t;
        }
        if (expect != bufferLen) {
            throw bad(file, dataStart + expect, "the tensors cover " + expect + " bytes but the data buffer has " + bufferLen
                    + " (trailing bytes or a truncated header)");
        }
    }

    private static Tensor readTensor(Path file, FileChannel ch, long dataStart, TensorInfo info) throws IOException {
        int n = (int) info.numel();
        int[] shape = info.shape();
        String dt = info.dtype();
        int es = elementSize(dt);
        long pos = dataStart + info.begin();
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(CHUNK, Math.max(8, (long) n * es))).order(ByteOrder.LITTLE_ENDIAN);
        if (dt.equals("F64")) {
            double[] d = new double[n];
            int i = 0;
            while (i < n) {
                int k = Math.min(n - i, buf.capacity() / 8);
                buf.clear().limit(k * 8);
                readFully(ch, buf, pos, file);
                buf.flip();
                for (int j = 0; j < k; j++) d[i + j] = buf.getDouble();
                i += k;
                pos += (long) k * 8;
            }
            return Tensor.fromArray(d, shape);
        }
        float[] f = new float[n];
        int i = 0;
        while (i < n) {
            int k = Math.min(n - i, buf.capacity() / es);
            buf.clear().limit(k * es);
            readFully(ch, buf, pos, file);
            buf.flip();
            for (int j = 0; j < k; j++) f[i + j] = decode(dt, buf);
            i += k;
            pos += (long) k * es;
        }
        return Tensor.fromArray(f, shape);
    }

    private static float decode(String dt, ByteBuffer b) {
        switch (dt) {
            case "F32": return b.getFloat();
            case "F16": return halfToFloat(b.getShort());
            case "BF16": return Float.intBitsToFloat((b.getShort() & 0xffff) << 16);
            case "BOOL": return b.get() != 0 ? 1f : 0f;
            case "U8": return b.get() & 0xff;
            case "I8": return b.get();
            case "I16": return b.getShort();
            case "U16": return b.getShort() & 0xffff;
            case "I32": return b.getInt();
            case "U32": return b.getInt() & 0xffffffffL;
            case "I64": return b.getLong();
            case "U64": {
                long v = b.getLong();
                return v >= 0 ? v : (float) (((v >>> 1) | (v & 1)) * 2.0);
            }
            default: throw new IllegalStateException("unreadable dtype " + dt);
        }
    }

    /** IEEE 754 binary16 to float32 (exact: every half is a float). */
    static float halfToFloat(short h) {
        int bits = h & 0xffff;
        int sign = (bits & 0x8000) << 16;
        int exp = (bits >>> 10) & 0x1f;
        int mant = bits & 0x3ff;
        if (exp == 0x1f) return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
        if (exp == 0) {
            float v = mant * 0x1p-24f; // subnormal (or zero)
            return sign != 0 ? -v : v;
        }
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long pos, Path file) throws IOException {
        long p = pos;
        while (buf.hasRemaining()) {
            int r = ch.read(buf, p);
            if (r < 0) throw bad(file, p, "unexpected end of file (the file changed while being read?)");
            p += r;
        }
    }

    private static long utf8Length(String s, int chars) {
        return s.substring(0, chars).getBytes(StandardCharsets.UTF_8).length;
    }

    private static long keyOffset(String text, String name) {
        int i = text.indexOf(Json.quote(name));
        return i < 0 ? 0 : utf8Length(text, i);
    }

    private static int firstInvalidUtf8(ByteBuffer hb) {
        CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = hb.duplicate();
        in.rewind();
        CharBuffer out = CharBuffer.allocate(in.remaining() + 1);
        dec.decode(in, out, true);
        return in.position();
    }
}
