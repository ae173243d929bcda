package contracts.solc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Solidity compilers from the npm registry, each fetched once: {@code npm pack solc@<release>}
 * (the package bundles exactly that release as {@code soljson.js}) into
 * {@code <cache>/solc/<release>/package/}, its sha512 checked against the pin in
 * {@code solc/integrity.properties} or, for releases not pinned there, against the registry's
 * {@code dist.integrity}. A {@code .verified} marker makes later look-ups instant, as
 * {@code bin/fetch-chdb} does for the ClickHouse engine.
 */
public final class SolcCache {
    private static final long NPM_TIMEOUT_SECONDS = 300;
    private final Path root;
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    private final Properties pinned = new Properties();

    public SolcCache(Path root) {
        this.root = root;
        try (InputStream in = SolcCache.class.getResourceAsStream("/solc/integrity.properties")) {
            if (in != null) {
                pinned.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code $FILFLOW_CACHE/solc}, else {@code $XDG_CACHE_HOME/filflow/solc}, else {@code ~/.cache/filflow/solc}. */
    public static SolcCache standard() {
        String cache = System.getenv("FILFLOW_CACHE");
        if (cache == null || cache.isBlank()) {
            String xdg = System.getenv("XDG_CACHE_HOME");
            Path base = xdg == null || xdg.isBlank() ? Path.of(System.getProperty("user.home"), ".cache") : Path.of(xdg);
            return new SolcCache(base.resolve("filflow").resolve("solc"));
        }
        return new SolcCache(Path.of(cache).resolve("solc"));
    }

    /** {@code soljson.js} of the release, fetched and verified first if it is not cached yet. */
    public Path soljson(SolcVersion version) {
        Path dir = root.resolve(version.release());
        Path soljson = dir.resolve("package").resolve("soljson.js");
        synchronized (locks.computeIfAbsent(version.release(), k -> new Object())) {
            if (isVerified(dir, soljson)) {
                return soljson;
            }
            fetch(version.release(), dir);
            return soljson;
        }
    }

    /** Whether the release is in the cache already (nothing is fetched). */
    public boolean isCached(SolcVersion version) {
        Path dir = root.resolve(version.release());
        return isVerified(dir, dir.resolve("package").resolve("soljson.js"));
    }

    private static boolean isVerified(Path dir, Path soljson) {
        return Files.isRegularFile(soljson) && Files.isRegularFile(dir.resolve(".verified"));
    }

    private void fetch(String release, Path dir) {
        try {
            Files.createDirectories(dir);
            Path work = Files.createTempDirectory(dir, ".fetch");
            try {
                String expected = pinned.getProperty(release);
                if (expected == null) {
                    expected = npm(work, "view", "solc@" + release, "dist.integrity").strip();
                    if (!expected.startsWith("sha512-")) {
                        throw new CompilerException(CompilerException.Kind.UNKNOWN_VERSION,
                                "solc " + release + " is not published on npm (try a release such as 0.8.24)");
                    }
                }
                String tarballName = lastLine(npm(work, "pack", "--silent", "solc@" + release));
                Path tarball = work.resolve(tarballName);
                String actual = "sha512-" + Base64.getEncoder().encodeToString(sha512(tarball));
                if (!actual.equals(expected)) {
                    throw new CompilerException(CompilerException.Kind.UNAVAILABLE,
                            "solc " + release + " from npm has sha512 " + actual + ", expected " + expected);
                }
                run(work, List.of("tar", "-xzf", tarball.toString(), "-C", work.toString()));
                if (!Files.isRegularFile(work.resolve("package").resolve("soljson.js"))) {
                    throw new CompilerException(CompilerException.Kind.UNKNOWN_VERSION,
                            "the npm package solc@" + release + " has no soljson.js");
                }
                deleteTree(dir.resolve("package"));
                Files.move(work.resolve("package"), dir.resolve("package"), StandardCopyOption.ATOMIC_MOVE);
                Files.writeString(dir.resolve(".verified"), expected + "\n");
            } finally {
                deleteTree(work);
            }
        } catch (IOException e) {
            throw new CompilerException(CompilerException.Kind.UNAVAILABLE, "cannot cache solc " + release + ": " + e, e);
        }
    }

    private static String npm(Path dir, String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("npm", "--no-update-notifier", "--no-fund", "--no-audit"));
        command.addAll(List.of(args));
        return run(dir, command);
    }

    private static String run(Path dir, List<String> command) {
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectErrorStream(false).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            var err = p.getErrorStream();
            var errText = new java.util.concurrent.CompletableFuture<String>();
            Thread drain = new Thread(() -> errText.complete(readAll(err)), "solc-fetch-stderr");
            drain.setDaemon(true);
            drain.start();
            String out = readAll(p.getInputStream());
            if (!p.waitFor(NPM_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new CompilerException(CompilerException.Kind.UNAVAILABLE, String.join(" ", command) + " timed out");
            }
            if (p.exitValue() != 0) {
                String why = errText.get(10, TimeUnit.SECONDS);
                if (why.contains("E404") || why.contains("No match found for version") || why.contains("ETARGET")) {
                    throw new CompilerException(CompilerException.Kind.UNKNOWN_VERSION,
                            "unknown compiler version: " + command.get(command.size() - 1) + " is not published on npm");
                }
                throw new CompilerException(CompilerException.Kind.UNAVAILABLE,
                        String.join(" ", command) + " failed (exit " + p.exitValue() + "): " + firstLines(why));
            }
            return out;
        } catch (IOException e) {
            throw new CompilerException(CompilerException.Kind.UNAVAILABLE,
                    command.get(0) + " cannot run (is npm installed?): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CompilerException(CompilerException.Kind.UNAVAILABLE, "interrupted", e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new CompilerException(CompilerException.Kind.UNAVAILABLE, String.join(" ", command) + " failed", e);
        }
    }

    private static String readAll(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static String lastLine(String text) {
        String[] lines = text.strip().split("\n");
        return lines[lines.length - 1].strip();
    }

    private static String firstLines(String text) {
        return text.lines().limit(3).reduce((a, b) -> a + " | " + b).orElse("");
    }

    private static byte[] sha512(Path file) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-512");
            try (InputStream in = Files.newInputStream(file)) {
                byte[] buffer = new byte[1 << 16];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    digest.update(buffer, 0, n);
                }
            }
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
