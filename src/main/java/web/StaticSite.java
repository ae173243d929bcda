package web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;

/**
 * The built explorer (bin/build-ui puts it in the jar's {@code webapp/} folder): {@code index.html}
 * and the content-hashed files under {@code web/assets/}. Nothing else on the classpath is ever
 * reachable: a path is looked up only when it is a plain file name under {@code /assets/}.
 * Files are read once and kept with their gzip form.
 */
public final class StaticSite {
    static final String ROOT = "webapp/";
    private static final Pattern ASSET = Pattern.compile("/assets/[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*\\.[a-z0-9]+");
    private static final Map<String, String> TYPES = Map.of(
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "woff2", "font/woff2",
            "json", "application/json",
            "html", "text/html; charset=utf-8");

    private final ClassLoader loader;
    private final Map<String, Optional<Asset>> cache = new ConcurrentHashMap<>();

    public StaticSite(ClassLoader loader) {
        this.loader = loader;
    }

    /** One file to send: its bytes, gzipped bytes, type and whether it may be cached for good. */
    public record Asset(byte[] bytes, byte[] gzipped, String contentType, String etag, boolean immutable) {
    }

    /** The page shell every client-side route gets; empty when the UI was not built into the jar. */
    public Optional<Asset> index() {
        return load("index.html", false);
    }

    /** A hashed asset for a request path such as {@code /assets/index-DhiBvOwh.js}, if it exists. */
    public Optional<Asset> asset(String path) {
        if (path == null || !ASSET.matcher(path).matches()) {
            return Optional.empty();
        }
        return load(path.substring(1), true);
    }

    /** True for request paths under /assets/ (a missing one is a 404, never the page shell). */
    public static boolean isAssetPath(String path) {
        return path != null && path.startsWith("/assets/");
    }

    private Optional<Asset> load(String name, boolean immutable) {
        return cache.computeIfAbsent(name, n -> read(n, immutable));
    }

    private Optional<Asset> read(String name, boolean immutable) {
        try (InputStream in = loader.getResourceAsStream(ROOT + name)) {
            if (in == null) {
                return Optional.empty();
            }
            byte[] bytes = in.readAllBytes();
            String ext = name.substring(name.lastIndexOf('.') + 1);
            String type = TYPES.getOrDefault(ext, "application/octet-stream");
            return Optional.of(new Asset(bytes, gzip(bytes), type, etag(bytes), immutable));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 3 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }

    private static String etag(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return "\"" + HexFormat.of().formatHex(digest, 0, 12) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
