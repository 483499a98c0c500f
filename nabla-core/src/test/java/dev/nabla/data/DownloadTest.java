package dev.nabla.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Download against a local HTTP server on 127.0.0.1 (no other network): mirrors that fail, one that
 * serves a corrupt file, one that drops the connection half way, resume with Range, and the cache.
 */
class DownloadTest {
    @TempDir Path dir;
    private HttpServer server;
    private final byte[] content = new byte[50_000];
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final AtomicInteger flakyCalls = new AtomicInteger();
    private Download.RemoteFile file;

    @BeforeEach
    void start() throws Exception {
        for (int i = 0; i < content.length; i++) content[i] = (byte) (i * 31 + i / 7);
        file = new Download.RemoteFile("data.bin",
                Download.Checksum.sha256(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content))));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/dead/", ex -> respond(ex, 503, new byte[0]));
        server.createContext("/corrupt/", ex -> {
            byte[] c = content.clone();
            c[100] ^= 1;
            respond(ex, 200, c);
        });
        server.createContext("/good/", this::serveWithRange);
        server.createContext("/flaky/", ex -> {
            if (flakyCalls.getAndIncrement() == 0) {
                log.add("flaky first");
                ex.sendResponseHeaders(200, content.length);
                OutputStream os = ex.getResponseBody();
                os.write(content, 0, 20_000);
                os.flush();
                try {
                    os.close(); // fewer bytes than announced: the server drops the connection
                } catch (IOException expected) {
                    // "insufficient bytes written to stream"
                }
            } else {
                serveWithRange(ex);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private URI base(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/" + path + "/");
    }

    private void respond(HttpExchange ex, int status, byte[] body) throws IOException {
        log.add(ex.getRequestURI().getPath() + " " + status + " range=" + ex.getRequestHeaders().getFirst("Range"));
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream os = ex.getResponseBody()) {
                os.write(body);
            }
        }
        ex.close();
    }

    private void serveWithRange(HttpExchange ex) throws IOException {
        String range = ex.getRequestHeaders().getFirst("Range");
        if (range == null) {
            respond(ex, 200, content);
            return;
        }
        long from = Long.parseLong(range.substring("bytes=".length(), range.indexOf('-')));
        if (from >= content.length) {
            respond(ex, 416, new byte[0]);
            return;
        }
        ex.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (content.length - 1) + "/" + content.length);
        respond(ex, 206, java.util.Arrays.copyOfRange(content, (int) from, content.length));
    }

    private Download downloader() {
        return new Download().timeout(Duration.ofSeconds(1)); // also the stall timeout of the flaky mirror
    }

    @Test
    void fallsOverFailingAndCorruptMirrorsToAGoodOne() throws IOException {
        Path p = downloader().fetch(List.of(base("dead"), base("corrupt"), base("good")), file, dir);
        assertArrayEquals(content, Files.readAllBytes(p));
        assertFalse(Files.exists(dir.resolve("data.bin.part")), "no .part left behind");
        assertEquals(List.of("/dead/data.bin 503 range=null", "/corrupt/data.bin 200 range=null", "/good/data.bin 200 range=null"), log);
        // second call: the verified cache file is used, no request
        downloader().fetch(List.of(base("good")), file, dir);
        assertEquals(3, log.size());
    }

    @Test
    void resumesAnExistingPartFileWithRange() throws IOException {
        Files.write(dir.resolve("data.bin.part"), java.util.Arrays.copyOf(content, 12_345));
        Path p = downloader().fetch(List.of(base("good")), file, dir);
        assertArrayEquals(content, Files.readAllBytes(p));
        assertEquals(List.of("/good/data.bin 206 range=bytes=12345-"), log);
    }

    @Test
    void resumesAfterTheConnectionDropsMidTransfer() throws IOException {
        Path p = downloader().fetch(List.of(base("flaky")), file, dir);
        assertArrayEquals(content, Files.readAllBytes(p));
        assertEquals("flaky first", log.get(0));
        assertTrue(log.get(1).startsWith("/flaky/data.bin 206 range=bytes="), log.toString());
        assertFalse(log.get(1).endsWith("bytes=0-"), "resumed, not restarted: " + log);
    }

    @Test
    void failsListingEveryMirrorAndPublishesNothing() {
        IOException e = assertThrows(IOException.class,
                () -> downloader().fetch(List.of(base("dead"), base("corrupt")), file, dir));
        assertTrue(e.getMessage().contains("/dead/data.bin: HTTP 503"), e.getMessage());
        assertTrue(e.getMessage().contains("/corrupt/data.bin: SHA-256 mismatch"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("data.bin")));
        assertFalse(Files.exists(dir.resolve("data.bin.part")), "a corrupt .part is discarded");
    }

    @Test
    void replacesACorruptCachedFile() throws IOException {
        Files.write(dir.resolve("data.bin"), new byte[] {1, 2, 3});
        Path p = downloader().fetch(List.of(base("good")), file, dir);
        assertArrayEquals(content, Files.readAllBytes(p));
    }

    @Test
    void builtInTablesListTheFourStandardFiles() {
        for (Download.Source s : List.of(Download.MNIST, Download.FASHION_MNIST)) {
            assertEquals(4, s.files().size());
            for (int i = 0; i < 4; i++) {
                assertEquals(Mnist.FILES.get(i) + ".gz", s.files().get(i).name());
                assertTrue(s.files().get(i).checksum().hex().matches("[0-9a-f]{32}"));
            }
            assertEquals(List.of(base("good")), s.withMirrors(List.of(base("good"))).mirrors());
        }
    }
}
