package storage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Applies the numbered, additive migrations {@code db/<engine>/NNN_name.sql} from the classpath
 * in order, each once, recording version and SHA-256 in {@code schema_migrations}. A migration
 * changed after it was applied stops the start: migrations are append-only.
 */
public final class MigrationRunner {
    private static final Logger LOG = LoggerFactory.getLogger(MigrationRunner.class);
    private static final Pattern FILE_NAME = Pattern.compile("(\\d{3})_[a-z0-9_]+\\.sql");
    private static final Pattern STATEMENT_END = Pattern.compile(";[ \\t]*(\\r?\\n|$)");

    private MigrationRunner() {
    }

    /** A migration file: its version (the number), name and text. */
    public record Migration(String version, String name, String sql) {
        String sha256() {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(sql.getBytes(StandardCharsets.UTF_8)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Key of the PostgreSQL advisory lock that lets one instance at a time migrate (the bytes of "filflow"). */
    static final long LOCK_KEY = 0x66696c666c6f77L;

    /**
     * Both engines' migrations, one starting instance at a time: several instances starting at
     * once would race on {@code schema_migrations} (a duplicate key stops the loser) and on
     * statements that are not idempotent. The lock is PostgreSQL's (session advisory lock), held
     * on a connection of its own and released when that closes, also if this process dies.
     */
    public static void migrateAll(DataSource clickHouse, DataSource postgres) {
        try (Connection lock = postgres.getConnection()) {
            try (Statement s = lock.createStatement()) {
                s.execute("SELECT pg_advisory_lock(" + LOCK_KEY + ")");
            }
            try {
                migrate(clickHouse, Engine.CLICKHOUSE);
                migrate(postgres, Engine.POSTGRES);
            } finally {
                try (Statement s = lock.createStatement()) {
                    s.execute("SELECT pg_advisory_unlock(" + LOCK_KEY + ")");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot take the migration lock in PostgreSQL: " + e.getMessage(), e);
        }
    }

    /** Applies what is missing; returns the names of the migrations applied now. */
    public static List<String> migrate(DataSource dataSource, Engine engine) {
        List<Migration> migrations = load(engine);
        List<String> applied = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            try (Statement statement = connection.createStatement()) {
                statement.execute(createTable(engine));
            }
            Map<String, String> done = appliedVersions(connection);
            for (Migration migration : migrations) {
                String recorded = done.get(migration.version());
                if (recorded == null) {
                    apply(connection, migration);
                    applied.add(migration.name());
                } else if (!recorded.equals(migration.sha256())) {
                    throw new IllegalStateException("migration " + migration.name() + " changed after it was applied"
                            + " (recorded sha256 " + recorded + "); add a new migration instead");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("migrating " + engine + " failed: " + e.getMessage(), e);
        }
        if (!applied.isEmpty()) {
            LOG.info("{}: applied migrations {}", engine, applied);
        }
        return applied;
    }

    /** The migrations of an engine in version order. */
    public static List<Migration> load(Engine engine) {
        String folder = "db/" + engine.folder();
        URL url = MigrationRunner.class.getClassLoader().getResource(folder);
        if (url == null) {
            return List.of();
        }
        try {
            URI uri = url.toURI();
            if ("jar".equals(uri.getScheme())) {
                try (FileSystem jar = FileSystems.newFileSystem(uri, Collections.emptyMap())) {
                    return read(jar.getPath(folder));
                } catch (FileSystemAlreadyExistsException e) {
                    return read(FileSystems.getFileSystem(uri).getPath(folder));
                }
            }
            return read(Path.of(uri));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Splits on {@code ;} at the end of a line; blank and comment-only pieces are dropped. */
    public static List<String> statements(String sql) {
        List<String> result = new ArrayList<>();
        for (String piece : STATEMENT_END.split(sql)) {
            boolean hasCode = piece.lines().map(String::trim).anyMatch(line -> !line.isEmpty() && !line.startsWith("--"));
            if (hasCode) {
                result.add(piece.trim());
            }
        }
        return result;
    }

    private static List<Migration> read(Path folder) throws IOException {
        List<Migration> result = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString();
                var matcher = FILE_NAME.matcher(name);
                if (matcher.matches()) {
                    result.add(new Migration(matcher.group(1), name, Files.readString(file)));
                }
            }
        }
        return result;
    }

    private static void apply(Connection connection, Migration migration) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements(migration.sql())) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new SQLException("in " + migration.name() + ": " + e.getMessage(), e);
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO schema_migrations (version, name, sha256) VALUES (?, ?, ?)")) {
            insert.setString(1, migration.version());
            insert.setString(2, migration.name());
            insert.setString(3, migration.sha256());
            insert.executeUpdate();
        }
    }

    private static Map<String, String> appliedVersions(Connection connection) throws SQLException {
        Map<String, String> result = new HashMap<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT version, sha256 FROM schema_migrations")) {
            while (rows.next()) {
                result.put(rows.getString(1), rows.getString(2));
            }
        }
        return result;
    }

    private static String createTable(Engine engine) {
        return switch (engine) {
            case CLICKHOUSE -> "CREATE TABLE IF NOT EXISTS schema_migrations (version String, name String,"
                    + " sha256 String, applied_at DateTime64(3) DEFAULT now64(3))"
                    + " ENGINE = ReplacingMergeTree(applied_at) ORDER BY version";
            case POSTGRES -> "CREATE TABLE IF NOT EXISTS schema_migrations (version text PRIMARY KEY, name text NOT NULL,"
                    + " sha256 text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())";
        };
    }
}
