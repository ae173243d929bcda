package jobs;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

/**
 * Durable job state in PostgreSQL: the follow cursor ({@code indexer_cursor}) and the walks
 * ({@code index_walks}). Each row says which heights a job has already put on the queue, so a
 * restart resumes exactly there and the gaps job knows which ranges must be complete.
 */
public final class JobStore {
    static final String FOLLOW = "follow";

    private final DataSource db;

    public JobStore(DataSource db) {
        this.db = db;
    }

    /**
     * The follow job's cursor: heights {@code start..next-1} have been enqueued (stored as
     * {@code indexer_cursor.height = next - 1}, the last height the job finished handing over).
     */
    public record Cursor(long start, long next) {
        public Optional<HeightRange> enqueued() {
            return next > start ? Optional.of(new HeightRange(start, next - 1)) : Optional.empty();
        }
    }

    public record Walk(long id, long from, long to, long next) {
        public boolean finished() {
            return next > to;
        }

        public Optional<HeightRange> enqueued() {
            return next > from ? Optional.of(new HeightRange(from, Math.min(next - 1, to))) : Optional.empty();
        }
    }

    public Optional<Cursor> followCursor() {
        return query("SELECT start_height, height FROM indexer_cursor WHERE job = ?",
                ps -> ps.setString(1, FOLLOW),
                rs -> new Cursor(rs.getLong(1), rs.getLong(2) + 1)).stream().findFirst();
    }

    public void saveFollowCursor(Cursor cursor) {
        update("""
                INSERT INTO indexer_cursor (job, start_height, height, updated_at) VALUES (?, ?, ?, now())
                ON CONFLICT (job) DO UPDATE SET start_height = EXCLUDED.start_height,
                    height = EXCLUDED.height, updated_at = now()""", ps -> {
            ps.setString(1, FOLLOW);
            ps.setLong(2, cursor.start());
            ps.setLong(3, cursor.next() - 1);
        });
    }

    /**
     * What the scheduler last saw ({@code scheduler_observations}): the head ({@code null} until
     * follow polled one) with its confidence, and the heights the last gaps sweep found missing.
     */
    public record Observed(Long head, int confidence, long missing) {
        static final Observed NONE = new Observed(null, 0, 0);
    }

    public Observed observed() {
        return query("SELECT head_height, confidence, missing_heights FROM scheduler_observations WHERE id = 1",
                ps -> { }, rs -> new Observed(rs.getObject(1) == null ? null : rs.getLong(1), rs.getInt(2), rs.getLong(3)))
                .stream().findFirst().orElse(Observed.NONE);
    }

    public void saveHead(long head, int confidence) {
        update("""
                INSERT INTO scheduler_observations (id, head_height, confidence, updated_at) VALUES (1, ?, ?, now())
                ON CONFLICT (id) DO UPDATE SET head_height = EXCLUDED.head_height,
                    confidence = EXCLUDED.confidence, updated_at = now()""", ps -> {
            ps.setLong(1, head);
            ps.setInt(2, confidence);
        });
    }

    public void saveMissing(long missing) {
        update("""
                INSERT INTO scheduler_observations (id, missing_heights, updated_at) VALUES (1, ?, now())
                ON CONFLICT (id) DO UPDATE SET missing_heights = EXCLUDED.missing_heights, updated_at = now()""",
                ps -> ps.setLong(1, missing));
    }

    public Walk createWalk(HeightRange range) {
        return query("""
                INSERT INTO index_walks (from_height, to_height, next_height) VALUES (?, ?, ?)
                RETURNING id, from_height, to_height, next_height""", ps -> {
            ps.setLong(1, range.from());
            ps.setLong(2, range.to());
            ps.setLong(3, range.from());
        }, JobStore::walk).get(0);
    }

    public List<Walk> activeWalks() {
        return query("""
                SELECT id, from_height, to_height, next_height FROM index_walks
                WHERE finished_at IS NULL ORDER BY id""", ps -> { }, JobStore::walk);
    }

    public List<Walk> allWalks() {
        return query("SELECT id, from_height, to_height, next_height FROM index_walks ORDER BY id",
                ps -> { }, JobStore::walk);
    }

    public void advanceWalk(long id, long next) {
        update("""
                UPDATE index_walks SET next_height = ?,
                    finished_at = CASE WHEN ? > to_height THEN now() END
                WHERE id = ?""", ps -> {
            ps.setLong(1, next);
            ps.setLong(2, next);
            ps.setLong(3, id);
        });
    }

    private static Walk walk(ResultSet rs) throws SQLException {
        return new Walk(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4));
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private <T> List<T> query(String sql, Binder binder, RowReader<T> reader) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(reader.read(rs));
                }
                return rows;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("job state query failed: " + e.getMessage(), e);
        }
    }

    private void update(String sql, Binder binder) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("job state update failed: " + e.getMessage(), e);
        }
    }
}
