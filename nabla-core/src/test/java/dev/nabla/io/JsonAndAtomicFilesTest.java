package dev.nabla.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The minimal JSON reader/writer and atomic file writes. */
class JsonAndAtomicFilesTest {
    @TempDir Path dir;

    @Test
    void parsesAllValueKinds() throws Exception {
        Object v = Json.parse(" {\"a\": [1, -2.5e1, true, false, null, \"x\\n\\u00e9\"], \"b\": {}, \"big\": 18446744073709551615} ");
        Map<?, ?> m = (Map<?, ?>) v;
        assertEquals(java.util.Arrays.asList(1L, -25.0, true, false, null, "x\né"), m.get("a"));
        assertEquals(Map.of(), m.get("b"));
        assertEquals(new BigInteger("18446744073709551615"), m.get("big"));
        assertEquals(List.of("a", "b", "big"), List.copyOf(m.keySet()));
    }

    @Test
    void rejectsMalformedInputWithPosition() {
        assertEquals(5, assertThrows(Json.ParseException.class, () -> Json.parse("[1,2,]")).index());
        assertThrows(Json.ParseException.class, () -> Json.parse("{\"a\":1,\"a\":2}"));
        assertThrows(Json.ParseException.class, () -> Json.parse("01"));
        assertThrows(Json.ParseException.class, () -> Json.parse("\"unterminated"));
        assertThrows(Json.ParseException.class, () -> Json.parse("[".repeat(100) + "]".repeat(100)));
    }

    @Test
    void writesCompactJsonThatParsesBack() throws Exception {
        String s = Json.write(Map.of("k", List.of(1, 2.5, "q\"\\", new int[] {3})));
        assertEquals("{\"k\":[1,2.5,\"q\\\"\\\\\",[3]]}", s);
        assertEquals(Map.of("k", List.of(1L, 2.5, "q\"\\", List.of(3L))), Json.parse(s));
    }

    @Test
    void atomicWriteReplacesWholeOrNothing() throws IOException {
        Path p = dir.resolve("a/b/file.txt");
        AtomicFiles.writeString(p, "first");
        AtomicFiles.writeString(p, "second");
        assertEquals("second", Files.readString(p));
        assertThrows(IOException.class, () -> AtomicFiles.write(p, out -> {
            out.write("partial".getBytes());
            throw new IOException("disk on fire");
        }));
        assertEquals("second", Files.readString(p));
        try (var s = Files.list(p.getParent())) {
            assertEquals(1, s.count(), "temporary file removed after failure");
        }
    }
}
