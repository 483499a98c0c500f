package dev.nabla.data;

import dev.nabla.io.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Downloads data set files (MNIST, Fashion-MNIST, or any {@link Source}) into a cache directory.
 *
 * <ul>
 *   <li>Mirrors: each file is tried from the source's base URLs in order, falling over to the next
 *       on an HTTP error, a broken connection or a checksum mismatch.</li>
 *   <li>Verified: the file's MD5 or SHA-256 must match the built-in table (the published checksums
 *       of the standard files, as torchvision lists them); a file already in the cache is checked
 *       too and fetched again if it does not match.</li>
 *   <li>Resumable: bytes arrive in {@code NAME.part}; a later attempt (or run) asks for the rest with
 *       an HTTP {@code Range} request.</li>
 *   <li>Atomic: {@code NAME.part} is renamed to {@code NAME} only after verification, so a file under
 *       its final name is always complete and correct.</li>
 * </ul>
 *
 * <pre>{@code
 * new Download().fetch(Download.MNIST, Path.of("data/mnist"));
 * TensorDataset train = Mnist.load(Path.of("data/mnist"), true);
 * }</pre>
 */
public final class Download {
    /** An expected digest: algorithm as {@link MessageDigest} names it ("MD5", "SHA-256") and lowercase hex. */
    public record Checksum(String algorithm, String hex) {
        /** Normalizes the hex to lowercase and checks the algorithm exists. */
        public Checksum {
            Objects.requireNonNull(algorithm, "algorithm");
            hex = hex.toLowerCase(Locale.ROOT);
            try {
                MessageDigest.getInstance(algorithm);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalArgumentException("unknown digest algorithm " + algorithm, e);
            }
        }

        /** An MD5 checksum. */
        public static Checksum md5(String hex) { return new Checksum("MD5", hex); }

        /** A SHA-256 checksum. */
        public static Checksum sha256(String hex) { return new Checksum("SHA-256", hex); }
    }

    /** One file of a source: its name (appended to each mirror's base URL) and expected checksum. */
    public record RemoteFile(String name, Checksum checksum) {}

    /** A data set: display name, mirror base URLs (tried in order) and files. */
    public record Source(String name, List<URI> mirrors, List<RemoteFile> files) {
        /** Copies the lists. */
        public Source {
            mirrors = List.copyOf(mirrors);
            files = List.copyOf(files);
        }

        /** The same files from other mirrors (e.g. a local mirror or a corporate proxy). */
        public Source withMirrors(List<URI> newMirrors) { return new Source(name, newMirrors, files); }
    }

    /**
     * MNIST from the mirrors torchvision uses; MD5s of the four gzip files as published with
     * torchvision's {@code MNIST.resources}.
     */
    public static final Source MNIST = new Source("MNIST",
            List.of(URI.create("https://ossci-datasets.s3.amazonaws.com/mnist/"),
                    URI.create("https://storage.googleapis.com/cvdf-datasets/mnist/")),
            List.of(new RemoteFile("train-images-idx3-ubyte.gz", Checksum.md5("f68b3c2dcbeaaa9fbdd348bbdeb94873")),
                    new RemoteFile("train-labels-idx1-ubyte.gz", Checksum.md5("d53e105ee54ea40749a09fcbcd1e9432")),
                    new RemoteFile("t10k-images-idx3-ubyte.gz", Checksum.md5("9fb629c4189551a2d022fa330f9573f3")),
                    new RemoteFile("t10k-labels-idx1-ubyte.gz", Checksum.md5("ec29112dd5afa0611ce80d1b7f02629c"))));

    /** Fashion-MNIST from Zalando's distribution; MD5s as published with torchvision's {@code FashionMNIST.resources}. */
    public static final Source FASHION_MNIST = new Source("Fashion-MNIST",
            List.of(URI.create("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/"),
                    URI.create("https://raw.githubusercontent.com/zalandoresearch/fashion-mnist/master/data/fashion/")),
            List.of(new RemoteFile("train-images-idx3-ubyte.gz", Checksum.md5("8d4fb7e6c68d591d4c3dfef9ec88bf0d")),
                    new RemoteFile("train-labels-idx1-ubyte.gz", Checksum.md5("25c81989df183df01b3e8a0aad5dffbe")),
                    new RemoteFile("t10k-images-idx3-ubyte.gz", Checksum.md5("bef4ecab320f06d8554ea6380940ec79")),
                    new RemoteFile("t10k-labels-idx1-ubyte.gz", Checksum.md5("bb300cfdad3c16e7a12a480ee83cd310"))));

    /** Receives progress and notes (e.g. to drive a progress bar); every method has a no-op default. */
    public interface Listener {
        /** {@code done} of {@code total} bytes of {@code file} are on disk ({@code total} -1 if unknown). */
        default void progress(String file, long done, long total) {}

        /** A human-readable note: a retry, a fallover to another mirror, a resumed transfer. */
        default void message(String text) {}
    }

    /** An HTTP answer other than 200/206 (or 416 for a finished .part). */
    static final class HttpStatusException extends IOException {
        final int status;

        HttpStatusException(URI uri, int status) {
            super("HTTP " + status + " from " + uri);
            this.status = status;
        }
    }

    private final HttpClient client;
    private Duration timeout = Duration.ofMinutes(5);
    private int attemptsPerMirror = 2;
    private Listener listener = new Listener() {};

    /** A downloader with its own HTTP/1.1 client (30 s connect timeout, following redirects). */
    public Download() {
        this(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(30))
                .followRedirects(HttpClient.Redirect.NORMAL).build());
    }

    /** A downloader using {@code client}. */
    public Download(HttpClient client) { this.client = client; }

    /**
     * How long to wait for the response headers, and for the next bytes of a body before treating
     * the connection as stalled (then the attempt fails and the next one resumes); default 5 minutes.
     * Returns this.
     */
    public Download timeout(Duration timeout) {
        this.timeout = timeout;
        return this;
    }

    /** How often one mirror is tried (each retry resumes) before moving on (default 2); returns this. */
    public Download attemptsPerMirror(int n) {
        if (n < 1) throw new IllegalArgumentException("attemptsPerMirror must be at least 1");
        this.attemptsPerMirror = n;
        return this;
    }

    /** Sets the progress listener; returns this. */
    public Download listener(Listener listener) {
        this.listener = Objects.requireNonNull(listener);
        return this;
    }

    /** Fetches every file of {@code source} into {@code dir} (skipping verified ones); returns their paths. */
    public List<Path> fetch(Source source, Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        for (RemoteFile f : source.files()) out.add(fetch(source.mirrors(), f, dir));
        return out;
    }

    /**
     * Fetches one file into {@code dir}, trying {@code mirrors} in order. Returns the verified file;
     * throws an {@link IOException} listing what went wrong at each mirror if none delivered it.
     */
    public Path fetch(List<URI> mirrors, RemoteFile file, Path dir) throws IOException {
        if (mirrors.isEmpty()) throw new IllegalArgumentException("no mirrors given for " + file.name());
        if (file.name().contains("/") || file.name().contains("\\") || file.name().startsWith(".")) {
            throw new IllegalArgumentException("unsafe file name " + file.name());
        }
        Files.createDirectories(dir);
        Path target = dir.resolve(file.name());
        Path part = dir.resolve(file.name() + ".part");
        if (Files.isRegularFile(target)) {
            String got = digest(target, file.checksum().algorithm());
            if (got.equals(file.checksum().hex())) return target;
            listener.message(target + " does not match its " + file.checksum().algorithm() + " (" + got + "), downloading it again");
            Files.delete(target);
        }
        List<String> failures = new ArrayList<>();
        for (URI base : mirrors) {
            URI uri = resolve(base, file.name());
            for (int attempt = 1; attempt <= attemptsPerMirror; attempt++) {
                try {
                    transfer(uri, part, file.name());
                } catch (HttpStatusException e) {
                    failures.add(uri + ": HTTP " + e.status);
                    listener.message(file.name() + ": HTTP " + e.status + " from " + uri + ", trying the next mirror");
                    break;
                } catch (IOException e) {
                    failures.add(uri + " (attempt " + attempt + "): " + e);
                    listener.message(file.name() + ": " + e.getMessage() + " from " + uri
                            + (attempt < attemptsPerMirror ? ", resuming" : ", trying the next mirror"));
                    continue;
                }
                String got = digest(part, file.checksum().algorithm());
                if (got.equals(file.checksum().hex())) {
                    AtomicFiles.publish(part, target);
                    return target;
                }
                Files.deleteIfExists(part);
                failures.add(uri + ": " + file.checksum().algorithm() + " mismatch (got " + got + ", expected " + file.checksum().hex() + ")");
                listener.message(file.name() + " from " + uri + " is corrupt (checksum mismatch), trying the next mirror");
                break;
            }
        }
        throw new IOException("could not download " + file.name() + " into " + dir + " from any mirror:\n  - " + String.join("\n  - ", failures)
                + (Files.exists(part) ? "\n(the partial file " + part + " is kept; the next run resumes it)" : ""));
    }

    private static URI resolve(URI base, String name) {
        String b = base.toString();
        return URI.create(b.endsWith("/") ? b + name : b + "/" + name);
    }

    /** Appends the rest of {@code uri}'s body to {@code part}, resuming from its current size. */
    private void transfer(URI uri, Path part, String name) throws IOException {
        long have = Files.isRegularFile(part) ? Files.size(part) : 0;
        HttpRequest.Builder rb = HttpRequest.newBuilder(uri).timeout(timeout).GET();
        if (have > 0) {
            rb.header("Range", "bytes=" + have + "-");
            listener.message(name + ": resuming at byte " + have + " from " + uri);
        }
        PartWriter writer = new PartWriter(part, have, name);
        CompletableFuture<HttpResponse<Void>> future = client.sendAsync(rb.build(), writer::handle);
        try {
            HttpResponse<Void> resp = await(future, writer, uri);
            if (writer.error != null) throw writer.error;
            int status = resp.statusCode();
            if (status == 416 && have > 0) return; // nothing left to send: the .part is complete (verification decides)
            if (!writer.accepted) throw new HttpStatusException(uri, status);
            if (writer.total >= 0 && writer.done != writer.total) {
                throw new IOException("connection closed after " + writer.done + " of " + writer.total + " bytes");
            }
        } finally {
            writer.abandon();
        }
    }

    /** Waits for the exchange, giving up when no byte arrived for the timeout (a stalled connection). */
    private HttpResponse<Void> await(CompletableFuture<HttpResponse<Void>> future, PartWriter writer, URI uri) throws IOException {
        long idleNanos = timeout.toNanos();
        long lastDone = -1;
        long lastChange = System.nanoTime();
        while (true) {
            try {
                return future.get(100, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                long d = writer.done;
                long now = System.nanoTime();
                if (d != lastDone) {
                    lastDone = d;
                    lastChange = now;
                } else if (now - lastChange > idleNanos) {
                    writer.abandon();
                    future.cancel(true);
                    throw new IOException("no data from " + uri + " for " + timeout.toMillis() + " ms (stalled at byte " + d + ")");
                }
            } catch (InterruptedException e) {
                writer.abandon();
                future.cancel(true);
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("download interrupted");
            } catch (ExecutionException e) {
                Throwable c = e.getCause();
                if (writer.error != null) throw writer.error;
                if (c instanceof IOException) throw (IOException) c;
                throw new IOException(c);
            }
        }
    }

    /**
     * Receives the body and writes it into the .part file as it arrives; decides from the status
     * line whether to append (206 for our Range), start over (200) or discard (anything else).
     */
    private final class PartWriter implements Flow.Subscriber<List<ByteBuffer>> {
        private final Path part;
        private final long have;
        private final String name;
        private FileChannel channel;
        private Flow.Subscription subscription;
        private boolean abandoned;
        volatile boolean accepted;
        volatile long done;
        volatile long total = -1;
        volatile IOException error;

        PartWriter(Path part, long have, String name) {
            this.part = part;
            this.have = have;
            this.name = name;
        }

        HttpResponse.BodySubscriber<Void> handle(HttpResponse.ResponseInfo info) {
            int status = info.statusCode();
            long start;
            if (status == 206 && have > 0) {
                String cr = info.headers().firstValue("Content-Range").orElse("");
                if (!cr.startsWith("bytes " + have + "-")) {
                    error = new IOException("unexpected Content-Range '" + cr + "' for a resume at byte " + have);
                    return HttpResponse.BodySubscribers.discarding();
                }
                start = have;
            } else if (status == 200) {
                start = 0;
            } else {
                return HttpResponse.BodySubscribers.discarding();
            }
            long length = info.headers().firstValueAsLong("Content-Length").orElse(-1);
            try {
                synchronized (this) {
                    if (abandoned) return HttpResponse.BodySubscribers.discarding();
                    channel = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    if (start == 0) channel.truncate(0);
                    channel.position(start);
                }
            } catch (IOException e) {
                error = e;
                return HttpResponse.BodySubscribers.discarding();
            }
            done = start;
            total = length < 0 ? -1 : start + length;
            accepted = true;
            return HttpResponse.BodySubscribers.fromSubscriber(this);
        }

        @Override public void onSubscribe(Flow.Subscription s) {
            synchronized (this) {
                subscription = s;
                if (abandoned) {
                    s.cancel();
                    return;
                }
            }
            s.request(1);
        }

        @Override public void onNext(List<ByteBuffer> item) {
            synchronized (this) {
                if (abandoned) return;
                try {
                    long d = done;
                    for (ByteBuffer bb : item) {
                        while (bb.hasRemaining()) d += channel.write(bb);
                    }
                    done = d;
                } catch (IOException e) {
                    error = e;
                    abandoned = true;
                    subscription.cancel();
                    return;
                }
            }
            listener.progress(name, done, total);
            subscription.request(1);
        }

        @Override public void onError(Throwable t) {
            if (error == null) error = t instanceof IOException ? (IOException) t : new IOException(t);
        }

        @Override public void onComplete() {}

        /** Stops writing and closes the file; later body chunks are dropped. */
        synchronized void abandon() {
            abandoned = true;
            if (subscription != null) subscription.cancel();
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException e) {
                    if (error == null) error = e;
                }
                channel = null;
            }
        }
    }

    /** Hex digest of a file. */
    public static String digest(Path file, String algorithm) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalArgumentException("unknown digest algorithm " + algorithm, e);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            int r;
            while ((r = in.read(buf)) >= 0) md.update(buf, 0, r);
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
