package contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import testsupport.SharedEngines;

/**
 * A copy of the Hardhat project in {@code src/test/evm} (Hardhat, hardhat-verify, the test
 * contracts) in a temporary directory, its {@code node_modules} installed once per lockfile into
 * the filflow cache ({@code npm ci}, then reused by every run), compiling with the solc of
 * filflow's own compiler cache. Runs Hardhat's CLI with the environment the config reads.
 */
public final class HardhatProject {
    private static final Path SOURCE = Path.of("src", "test", "evm");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The solc the test contracts are compiled with. */
    public static final String SOLC = "0.8.24";
    public static final String SOLC_LONG = "0.8.24+commit.e11b9ed9";

    public record Run(int exit, String output) {
    }

    private final Path dir;
    private final Map<String, String> env = new HashMap<>();

    private HardhatProject(Path dir) {
        this.dir = dir;
    }

    /** A fresh copy compiling with {@code soljson} ({@code version} like 0.8.24, {@code longVersion} 0.8.24+commit.…). */
    public static HardhatProject create(Path soljson, String version, String longVersion) {
        try {
            Path dir = SharedEngines.newTempDir().resolve("hardhat");
            Files.createDirectories(dir.resolve("contracts"));
            for (String f : List.of("hardhat.config.js", "package.json")) {
                Files.copy(SOURCE.resolve(f), dir.resolve(f));
            }
            try (Stream<Path> sources = Files.list(SOURCE.resolve("contracts"))) {
                for (Path s : sources.toList()) {
                    Files.copy(s, dir.resolve("contracts").resolve(s.getFileName()));
                }
            }
            Files.createSymbolicLink(dir.resolve("node_modules"), nodeModules());
            HardhatProject p = new HardhatProject(dir);
            p.env.put("HARDHAT_DISABLE_TELEMETRY_PROMPT", "true");
            p.env.put("FILFLOW_SOLJSON", soljson.toAbsolutePath().toString());
            p.env.put("FILFLOW_SOLC_VERSION", version);
            p.env.put("FILFLOW_SOLC_LONG_VERSION", longVersion);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fresh copy, compiled with solc {@link #SOLC} for the chain {@code chainId} (a failed compile fails the test). */
    public static HardhatProject compiled(String chainId) {
        HardhatProject p = create(soljson(), SOLC, SOLC_LONG).env("FILFLOW_CHAIN_ID", chainId);
        Run compile = p.hardhat(Duration.ofMinutes(3), "compile");
        org.assertj.core.api.Assertions.assertThat(compile.exit()).as(compile.output()).isZero();
        return p;
    }

    /** solc {@link #SOLC} from filflow's compiler cache. */
    public static Path soljson() {
        return contracts.solc.SolcCache.standard().soljson(contracts.solc.SolcVersion.parse(SOLC).orElseThrow());
    }

    Path dir() {
        return dir;
    }

    public HardhatProject env(String name, String value) {
        env.put(name, value);
        return this;
    }

    Map<String, String> environment() {
        return env;
    }

    /** {@code hardhat <args>} in this project; the output is stdout and stderr together. */
    public Run hardhat(Duration timeout, String... args) {
        List<String> command = new ArrayList<>(List.of("node", cli().toString()));
        command.addAll(List.of(args));
        try {
            ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
            pb.environment().putAll(env);
            Path log = Files.createTempFile(dir, "hardhat", ".log");
            pb.redirectOutput(log.toFile());
            Process p = pb.start();
            try {
                if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new IllegalStateException("hardhat " + String.join(" ", args) + " did not finish in " + timeout
                            + ": " + Files.readString(log));
                }
            } finally {
                p.destroyForcibly();
            }
            return new Run(p.exitValue(), Files.readString(log));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Path cli() {
        return dir.resolve("node_modules").resolve("hardhat").resolve("internal").resolve("cli").resolve("cli.js");
    }

    /** {@code artifacts/contracts/<file>.sol/<name>.json}. */
    public JsonNode artifact(String name) {
        return read(dir.resolve("artifacts").resolve("contracts").resolve(name + ".sol").resolve(name + ".json"));
    }

    /** The one Hardhat build info (standard JSON input, solc version, output). */
    public JsonNode buildInfo() {
        try (Stream<Path> files = Files.list(dir.resolve("artifacts").resolve("build-info"))) {
            List<Path> all = files.toList();
            if (all.size() != 1) {
                throw new IllegalStateException("expected one build info, found " + all);
            }
            return read(all.get(0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void edit(String contractFile, UnaryOperator<String> change) {
        Path f = dir.resolve("contracts").resolve(contractFile);
        try {
            Files.writeString(f, change.apply(Files.readString(f)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code node_modules} for {@code src/test/evm/package-lock.json}, installed with {@code npm ci}
     * into {@code <cache>/evm/<lockfile hash>/} the first time and reused afterwards.
     */
    static synchronized Path nodeModules() {
        try {
            byte[] lock = Files.readAllBytes(SOURCE.resolve("package-lock.json"));
            String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(lock)).substring(0, 16);
            String cache = System.getenv("FILFLOW_CACHE");
            Path root = cache == null || cache.isBlank()
                    ? Path.of(System.getProperty("user.home"), ".cache", "filflow") : Path.of(cache);
            Path dir = root.resolve("evm").resolve(hash);
            if (Files.isRegularFile(dir.resolve(".installed"))) {
                return dir.resolve("node_modules");
            }
            Files.createDirectories(dir.getParent());
            Path work = Files.createTempDirectory(dir.getParent(), ".install");
            Files.copy(SOURCE.resolve("package.json"), work.resolve("package.json"));
            Files.write(work.resolve("package-lock.json"), lock);
            Process p = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts", "--loglevel=error")
                    .directory(work.toFile()).redirectErrorStream(true)
                    .redirectOutput(work.resolve("npm.log").toFile()).start();
            if (!p.waitFor(15, TimeUnit.MINUTES) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException("npm ci failed: " + Files.readString(work.resolve("npm.log"), StandardCharsets.UTF_8));
            }
            Files.writeString(work.resolve(".installed"), hash + "\n");
            if (Files.exists(dir)) {
                throw new IllegalStateException(dir + " exists without .installed; remove it");
            }
            Files.move(work, dir, StandardCopyOption.ATOMIC_MOVE);
            return dir.resolve("node_modules");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
