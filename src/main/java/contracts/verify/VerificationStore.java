package contracts.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Verified contracts and verification jobs in PostgreSQL ({@code db/postgres/040_contract_verification.sql}).
 * A full match replaces a partial one in the same statement; nothing replaces a full match.
 */
public final class VerificationStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLUMNS = "address, chain_id, name, source_path, match, compiler_version, settings,"
            + " sources, abi, constructor_args, runtime_hash, libraries, verified_by, verified_at, creation_match";

    /** A job as Etherscan's checkverifystatus and Sourcify's GET /v2/verify/{id} report it. */
    public record Job(UUID id, String address, long chainId, String status, String match, String reason,
                      JsonNode result, java.time.Instant createdAt, java.time.Instant finishedAt) {
    }

    private final DataSource db;

    public VerificationStore(DataSource db) {
        this.db = db;
    }

    public Optional<VerifiedContract> find(String address) {
        return query("SELECT " + COLUMNS + " FROM verified_contracts WHERE address = ?", ps -> ps.setString(1, address))
                .values().stream().findFirst();
    }

    /** The verified contracts among {@code addresses} (0x, lower case), by address. */
    public Map<String, VerifiedContract> findAll(Collection<String> addresses) {
        if (addresses.isEmpty()) {
            return Map.of();
        }
        return query("SELECT " + COLUMNS + " FROM verified_contracts WHERE address = ANY (?)",
                ps -> ps.setArray(1, ps.getConnection().createArrayOf("text", addresses.toArray())));
    }

    /** Stores a match; returns false when the address already has a full match (or this one is no better). */
    public boolean save(VerificationRequest request, Outcome outcome) {
        String sql = "INSERT INTO verified_contracts (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb,"
                + " ?::jsonb, ?, ?, ?::jsonb, ?, now(), ?) ON CONFLICT (address) DO UPDATE SET chain_id = EXCLUDED.chain_id,"
                + " name = EXCLUDED.name, source_path = EXCLUDED.source_path, match = EXCLUDED.match,"
                + " compiler_version = EXCLUDED.compiler_version, settings = EXCLUDED.settings, sources = EXCLUDED.sources,"
                + " abi = EXCLUDED.abi, constructor_args = EXCLUDED.constructor_args, runtime_hash = EXCLUDED.runtime_hash,"
                + " libraries = EXCLUDED.libraries, verified_by = EXCLUDED.verified_by, verified_at = now(),"
                + " creation_match = EXCLUDED.creation_match"
                + " WHERE verified_contracts.match = 'partial' AND EXCLUDED.match = 'full'";
        return update(sql, ps -> {
            ps.setString(1, request.address());
            ps.setLong(2, request.chainId());
            ps.setString(3, outcome.name());
            ps.setString(4, outcome.sourcePath());
            ps.setString(5, outcome.match().label());
            ps.setString(6, outcome.compilerVersion());
            ps.setString(7, outcome.settings().toString());
            ps.setString(8, outcome.sources().toString());
            ps.setString(9, outcome.abi().toString());
            ps.setString(10, outcome.constructorArgs());
            ps.setString(11, outcome.runtimeHash());
            ps.setString(12, JSON.valueToTree(outcome.libraries()).toString());
            ps.setString(13, request.verifiedBy());
            ps.setString(14, outcome.creationMatch() == null ? null : outcome.creationMatch().label());
        }) > 0;
    }

    public void createJob(UUID id, String address, long chainId) {
        update("INSERT INTO verification_jobs (id, address, chain_id, status) VALUES (?, ?, ?, 'pending')", ps -> {
            ps.setObject(1, id);
            ps.setString(2, address);
            ps.setLong(3, chainId);
        });
    }

    public void finishJob(UUID id, String status, String match, String reason, JsonNode result) {
        update("UPDATE verification_jobs SET status = ?, match = ?, reason = ?, result = ?::jsonb, finished_at = now()"
                + " WHERE id = ?", ps -> {
            ps.setString(1, status);
            ps.setString(2, match);
            ps.setString(3, reason);
            if (result == null) {
                ps.setNull(4, Types.VARCHAR);
            } else {
                ps.setString(4, result.toString());
            }
            ps.setObject(5, id);
        });
    }

    public Optional<Job> job(UUID id) {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT id, address, chain_id, status, match, reason, result,"
                     + " created_at, finished_at FROM verification_jobs WHERE id = ?")) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                String result = rs.getString(7);
                Timestamp finished = rs.getTimestamp(9);
                return Optional.of(new Job((UUID) rs.getObject(1), rs.getString(2), rs.getLong(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), result == null ? null : JSON.readTree(result),
                        rs.getTimestamp(8).toInstant(), finished == null ? null : finished.toInstant()));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Jobs left pending by a stop never finish: at start, those older than an hour (far longer than
     * any compile, so no other instance is still running them) are closed as failed.
     */
    public int failAbandonedJobs() {
        return update("UPDATE verification_jobs SET status = 'failed', match = 'none',"
                + " reason = 'filflow stopped before this verification finished; submit it again', finished_at = now()"
                + " WHERE status = 'pending' AND created_at < now() - interval '1 hour'", ps -> { });
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private int update(String sql, Binder binder) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL: " + e.getMessage(), e);
        }
    }

    private Map<String, VerifiedContract> query(String sql, Binder binder) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            Map<String, VerifiedContract> out = new HashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), new VerifiedContract(rs.getString(1), rs.getLong(2), rs.getString(3),
                            rs.getString(4), MatchKind.ofLabel(rs.getString(5)), rs.getString(6), JSON.readTree(rs.getString(7)),
                            JSON.readTree(rs.getString(8)), JSON.readTree(rs.getString(9)), rs.getString(10), rs.getString(11),
                            JSON.readTree(rs.getString(12)), rs.getString(13), rs.getTimestamp(14).toInstant(),
                            rs.getString(15) == null ? null : MatchKind.ofLabel(rs.getString(15))));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
