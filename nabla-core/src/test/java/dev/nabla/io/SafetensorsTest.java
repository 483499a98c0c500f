package dev.nabla.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.DType;
import dev.nabla.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Safetensors against bytes built by hand from the format description (8-byte little-endian header
 * length, UTF-8 JSON header, little-endian row-major data), round trips, and every corruption case.
 */
class SafetensorsTest {
    @TempDir Path dir;

    /** A file from a literal header and raw data, with the header length written as given. */
    private Path file(String name, long declaredLen, String header, byte[] data) throws IOException {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(declaredLen).put(h).put(data);
        Path p = dir.resolve(name);
        Files.write(p, b.array());
        return p;
    }

    private Path file(String name, String header, byte[] data) throws IOException {
        return file(name, header.getBytes(StandardCharsets.UTF_8).length, header, data);
    }

    private static byte[] f32(float... v) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float x : v) b.putFloat(x);
        return b.array();
    }

    @Test
    void readsHandBuiltFile() throws IOException {
        // Two tensors: "a" F32 (2, 2) = [[1, 2], [3, 4]] then "b" F64 (1,) = [-0.5]; metadata format=pt.
        String header = "{\"__metadata__\":{\"format\":\"pt\"},\"a\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[0,16]},"
                + "\"b\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[16,24]}}";
        ByteBuffer data = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        data.putFloat(1).putFloat(2).putFloat(3).putFloat(4).putDouble(-0.5);
        Safetensors.Loaded l = Safetensors.load(file("hand.safetensors", header, data.array()));
        assertEquals(List.of("a", "b"), List.copyOf(l.tensors().keySet()));
        Tensor a = l.tensors().get("a");
        assertArrayEquals(new int[] {2, 2}, a.shape());
        assertEquals(DType.FLOAT32, a.dtype());
        assertArrayEquals(new float[] {1, 2, 3, 4}, a.toFloatArray());
        Tensor b = l.tensors().get("b");
        assertEquals(DType.FLOAT64, b.dtype());
        assertArrayEquals(new double[] {-0.5}, b.toDoubleArray());
        assertEquals(Map.of("format", "pt"), l.metadata());
    }

    @Test
    void writesExactlyTheReferenceLayout() throws IOException {
        Map<String, Tensor> t = new LinkedHashMap<>();
        t.put("w", Tensor.fromArray(new float[] {1f, -2f}, 2));
        t.put("b", Tensor.fromArray(new double[] {0.5}));
        byte[] got = Safetensors.toBytes(t, Map.of("format", "pt"));
        // Expected bytes from Python (struct/numpy): the 138-byte compact header padded with 6 spaces
        // to 144 = 0x90, then float32 LE 1, -2 and float64 LE 0.5.
        String json = "{\"__metadata__\":{\"format\":\"pt\"},\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F64\",\"shape\":[],\"data_offsets\":[8,16]}}";
        assertEquals(138, json.length());
        HexFormat hex = HexFormat.of();
        byte[] expected = concat(hex.parseHex("9000000000000000"), json.getBytes(StandardCharsets.US_ASCII),
                "      ".getBytes(StandardCharsets.US_ASCII), hex.parseHex("0000803f000000c0000000000000e03f"));
        assertArrayEquals(expected, got);
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) n += p.length;
        ByteBuffer b = ByteBuffer.allocate(n);
        for (byte[] p : parts) b.put(p);
        return b.array();
    }

    @Test
    void roundTripKeepsOrderShapesDtypesAndMetadata() throws IOException {
        Map<String, Tensor> t = new LinkedHashMap<>();
        t.put("0.weight", Tensor.fromArray(new float[] {0.1f, -0.2f, 3e-8f, Float.MAX_VALUE, Float.NaN, Float.NEGATIVE_INFINITY}, 2, 3));
        t.put("0.bias", Tensor.fromArray(new float[] {7f, 8f}, 2));
        t.put("scalar", Tensor.fromArray(new double[] {Math.PI}));
        t.put("empty", Tensor.zeros(0, 4));
        t.put("d", Tensor.fromArray(new double[] {1e-300, -2.5, 4}, 3, 1));
        Path p = dir.resolve("sub/model.safetensors");
        Safetensors.save(p, t, Map.of("epoch", "3", "note", "ünïcode \"quoted\""));
        Safetensors.Loaded l = Safetensors.load(p);
        assertEquals(List.copyOf(t.keySet()), List.copyOf(l.tensors().keySet()));
        for (String k : t.keySet()) {
            assertArrayEquals(t.get(k).shape(), l.tensors().get(k).shape(), k);
            assertEquals(t.get(k).dtype(), l.tensors().get(k).dtype(), k);
            assertArrayEquals(t.get(k).toDoubleArray(), l.tensors().get(k).toDoubleArray(), k);
        }
        assertEquals("ünïcode \"quoted\"", l.metadata().get("note"));
        long n = ByteBuffer.wrap(Files.readAllBytes(p), 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, n % 8, "header padded to 8 bytes");
        try (var s = Files.list(p.getParent())) {
            assertEquals(1, s.count(), "no temporary file left behind");
        }
        Safetensors.Header h = Safetensors.readHeader(p);
        assertEquals("F32", h.tensors().get("0.weight").dtype());
        assertEquals(8 + n, h.dataStart());
    }

    @Test
    void convertsHalfBfloatAndIntegersToFloat32() throws IOException {
        HexFormat hex = HexFormat.of();
        // F16 LE: 0x3c00=1, 0xc000=-2, 0x7c00=inf, 0x0001=2^-24, 0x3bff=0.99951171875 (numpy float16 -> float32).
        // BF16 LE: 0x3f80=1, 0xc040=-3. I64: -5, 2^40. U8: 255, 0. I32: -7.
        byte[] data = concat(hex.parseHex("003c00c0007c0100ff3b"), hex.parseHex("803f40c0"),
                ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(-5).putLong(1L << 40).array(),
                new byte[] {(byte) 255, 0}, ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(-7).array());
        String header = "{\"h\":{\"dtype\":\"F16\",\"shape\":[5],\"data_offsets\":[0,10]},"
                + "\"bf\":{\"dtype\":\"BF16\",\"shape\":[2],\"data_offsets\":[10,14]},"
                + "\"i\":{\"dtype\":\"I64\",\"shape\":[2],\"data_offsets\":[14,30]},"
                + "\"u\":{\"dtype\":\"U8\",\"shape\":[2],\"data_offsets\":[30,32]},"
                + "\"j\":{\"dtype\":\"I32\",\"shape\":[1],\"data_offsets\":[32,36]}}";
        Safetensors.Loaded l = Safetensors.load(file("mixed.safetensors", header, data));
        assertArrayEquals(new float[] {1f, -2f, Float.POSITIVE_INFINITY, 5.960464477539063e-08f, 0.99951171875f}, l.tensors().get("h").toFloatArray());
        assertArrayEquals(new float[] {1f, -3f}, l.tensors().get("bf").toFloatArray());
        assertArrayEquals(new float[] {-5f, 1099511627776f}, l.tensors().get("i").toFloatArray());
        assertArrayEquals(new float[] {255f, 0f}, l.tensors().get("u").toFloatArray());
        assertArrayEquals(new float[] {-7f}, l.tensors().get("j").toFloatArray());
    }

    private SafetensorsFormatException corrupt(Path p) {
        return assertThrows(SafetensorsFormatException.class, () -> Safetensors.load(p));
    }

    private void assertNames(SafetensorsFormatException e, Path p, long offset, String fragment) {
        assertTrue(e.getMessage().startsWith(p + ": byte " + offset + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
        assertEquals(offset, e.offset());
        assertEquals(p, e.file());
    }

    @Test
    void tooShortFile() throws IOException {
        Path p = dir.resolve("short");
        Files.write(p, new byte[] {1, 2, 3});
        assertNames(corrupt(p), p, 0, "too short");
    }

    @Test
    void headerLengthBeyondFileAndOversized() throws IOException {
        Path p = file("beyond", 1000, "{}", new byte[0]);
        assertNames(corrupt(p), p, 0, "past the end of the file");
        Path q = file("huge", 1L << 40, "{}", new byte[0]);
        assertNames(corrupt(q), q, 0, "exceeds the limit");
        Path r = file("negative", -1L, "{}", new byte[0]); // 2^64-1 as unsigned
        assertNames(corrupt(r), r, 0, "18446744073709551615");
    }

    @Test
    void invalidJsonNamesTheByte() throws IOException {
        Path p = file("badjson", "{\"a\":{\"dtype\":\"F32\",\"shape\":[1] \"data_offsets\":[0,4]}}", f32(1));
        // The '"' where a ',' is missing (after "[1] ") is header character 32, so file byte 8 + 32.
        assertNames(corrupt(p), p, 40, "not valid JSON");
        Path q = file("notobject", "[1,2]", new byte[0]);
        assertNames(corrupt(q), q, 8, "does not start with '{'");
        Path r = file("dupkey", "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},\"a\":{}}", f32(1));
        assertTrue(corrupt(r).getMessage().contains("duplicate key"));
        Path u = dir.resolve("utf8");
        byte[] bad = {'{', '"', (byte) 0xff, '"', ':', '1', '}', ' '};
        Files.write(u, concat(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(8).array(), bad));
        assertNames(corrupt(u), u, 10, "UTF-8");
    }

    @Test
    void unknownDtype() throws IOException {
        Path p = file("dtype", "{\"a\":{\"dtype\":\"F128\",\"shape\":[1],\"data_offsets\":[0,16]}}", new byte[16]);
        assertNames(corrupt(p), p, 9, "unknown dtype \"F128\"");
    }

    @Test
    void offsetsOutOfRangeOverlappingAndGaps() throws IOException {
        Path out = file("range", "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", f32(1));
        assertTrue(corrupt(out).getMessage().contains("beyond the 4-byte data buffer"));
        Path huge = file("bigoff", "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,99999999999999999999]}}", f32(1));
        assertTrue(corrupt(huge).getMessage().contains("beyond"));
        Path back = file("backwards", "{\"a\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[4,0]}}", f32(1));
        assertTrue(corrupt(back).getMessage().contains("end before they begin"));
        String h = "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}";
        Path overlap = file("overlap", h, f32(1, 2, 3));
        int hl = h.length();
        assertNames(corrupt(overlap), overlap, 8 + hl + 4, "overlaps tensor \"a\"");
        String g = "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}";
        Path gap = file("gap", g, f32(1, 2));
        assertNames(corrupt(gap), gap, 8 + g.length(), "belong to no tensor");
        String t = "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}";
        Path trailing = file("trailing", t, f32(1, 2));
        assertNames(corrupt(trailing), trailing, 8 + t.length() + 4, "trailing bytes");
    }

    @Test
    void shapeDisagreeingWithOffsets() throws IOException {
        Path p = file("shape", "{\"a\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", f32(1, 2));
        SafetensorsFormatException e = corrupt(p);
        assertTrue(e.getMessage().contains("needs 12 bytes but data_offsets [0, 8] hold 8"), e.getMessage());
        Path neg = file("negdim", "{\"a\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]}}", f32(1));
        assertTrue(corrupt(neg).getMessage().contains("negative dimension"));
    }

    @Test
    void tinyFileClaimingHugeTensorFailsFastWithoutAllocating() throws IOException {
        // 2^30 * 2^30 elements of F32 claimed by a file of a few dozen bytes: rejected from the header alone.
        String h = "{\"a\":{\"dtype\":\"F32\",\"shape\":[1073741824,1073741824],\"data_offsets\":[0,4]}}";
        Path p = file("bomb", h, f32(1));
        long t0 = System.nanoTime();
        SafetensorsFormatException e = corrupt(p);
        assertTrue(e.getMessage().contains("needs 4611686018427387904 bytes"), e.getMessage());
        assertTrue(System.nanoTime() - t0 < 1_000_000_000L);
        // A 20-byte file whose 8-byte length claims 2^60.
        Path q = dir.resolve("twenty");
        Files.write(q, concat(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(1L << 60).array(), new byte[12]));
        assertNames(corrupt(q), q, 0, "exceeds the limit");
    }

    @Test
    void saveIsAtomicAndRejectsReservedNames() throws IOException {
        Path p = dir.resolve("m.safetensors");
        Safetensors.save(p, Map.of("x", Tensor.fromArray(new float[] {1}, 1)));
        byte[] before = Files.readAllBytes(p);
        assertThrows(IllegalArgumentException.class, () -> Safetensors.save(p, Map.of("__metadata__", Tensor.zeros(1))));
        assertArrayEquals(before, Files.readAllBytes(p));
        assertFalse(Files.exists(dir.resolve("missing.safetensors")));
        assertThrows(java.nio.file.NoSuchFileException.class, () -> Safetensors.load(dir.resolve("missing.safetensors")));
    }
}
