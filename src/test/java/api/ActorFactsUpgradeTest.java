package api;

import static org.assertj.core.api.Assertions.assertThat;

import codec.address.Network;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import storage.ClickHouseAccess;
import storage.Engine;
import storage.MigrationRunner;
import testsupport.SharedEngines;

/**
 * Issue 14 item 5, the upgrade to migration 073: an install indexed before it holds its actors in
 * {@code actors} (forms, code, type; no tipset). After 073 the actor renderings take, per kind, the
 * newest canonical fact of {@code actor_facts}, and {@code actors} only for kinds without one. Facts
 * of an orphaned tipset, or of an attempt the canonical one replaced, never count. Expected values
 * are the rows written here.
 */
class ActorFactsUpgradeTest {
    private static final String CODE_BEFORE = "bafk2bzacecodebeforeupgrade";
    private static final String CODE_AFTER = "bafk2bzacecodeafterupgrade";

    @Test
    void actorsIndexedBeforeTheUpgradeKeepTheirFormsAndNewFactsFollowTheCanonicalRule() throws Exception {
        ClickHouseAccess ch = SharedEngines.clickHouse("actor_facts_upgrade");
        // the install as it was before 073: no actor_facts, facts in actors
        execute(ch, "DROP TABLE actor_facts");
        execute(ch, "ALTER TABLE schema_migrations DELETE WHERE version = '073' SETTINGS mutations_sync = 2");
        execute(ch, "INSERT INTO actors (id, robust, delegated, eth, code_cid, actor_type, first_seen, last_seen) VALUES"
                + " (1001, 'f1beforeonly', '', '', '" + CODE_BEFORE + "', 'account', 5, 5),"
                + " (1002, 'f2beforeupgrade', '', '', '" + CODE_BEFORE + "', 'placeholder', 5, 5)");

        assertThat(MigrationRunner.migrate(ch.dataSource(), Engine.CLICKHOUSE)).containsExactly("073_actor_facts.sql");

        // heights 10 and 11 indexed after the upgrade; 11 was reorged (tipset k11a orphaned by k11b),
        // and 10's first attempt was replaced by a second one of the same tipset
        execute(ch, "INSERT INTO tipsets (height, tipset_key, indexed_at) VALUES"
                + " (10, 'k10', '2026-01-01 00:00:02'), (11, 'k11b', '2026-01-01 00:00:04')");
        execute(ch, "INSERT INTO actor_facts (actor_id, kind, value, height, tipset_key, indexed_at) VALUES"
                + " (1002, 'code_cid', '" + CODE_AFTER + "', 10, 'k10', '2026-01-01 00:00:02'),"
                + " (1002, 'actor_type', 'evm', 10, 'k10', '2026-01-01 00:00:02'),"
                + " (1002, 'robust', 'f2orphanedform', 11, 'k11a', '2026-01-01 00:00:03'),"
                + " (1003, 'robust', 'f1canonicalform', 10, 'k10', '2026-01-01 00:00:02'),"
                + " (1003, 'robust', 'f1orphanedform', 11, 'k11a', '2026-01-01 00:00:03'),"
                + " (1004, 'robust', 'f1onlyonthefork', 11, 'k11a', '2026-01-01 00:00:03'),"
                + " (1005, 'robust', 'f1replacedattempt', 10, 'k10', '2026-01-01 00:00:01'),"
                + " (1006, 'seen', '', 11, 'k11b', '2026-01-01 00:00:04')");

        ActorDirectory directory = new ActorDirectory(new ClickHouseRows(ch::client, 30_000), Network.MAINNET);
        Map<Long, ActorRecord> known = directory.byIds(List.of(1001L, 1002L, 1003L, 1004L, 1005L, 1006L));

        assertThat(known.get(1001L)).as("indexed before the upgrade only")
                .isEqualTo(new ActorRecord(forms(1001, "f1beforeonly"), "account", CODE_BEFORE));
        assertThat(known.get(1002L)).as("code and type seen since, the robust form only before (and on a fork)")
                .isEqualTo(new ActorRecord(forms(1002, "f2beforeupgrade"), "evm", CODE_AFTER));
        assertThat(known.get(1003L)).as("a newer form on an orphaned tipset")
                .isEqualTo(new ActorRecord(forms(1003, "f1canonicalform"), null, null));
        assertThat(known.get(1006L)).as("named by its ID only")
                .isEqualTo(new ActorRecord(forms(1006, null), null, null));
        assertThat(known).as("actors only an orphaned tipset or a replaced attempt showed")
                .doesNotContainKeys(1004L, 1005L);
    }

    private static ActorForms forms(long id, String robust) {
        return new ActorForms("f0" + id, robust, null, null);
    }

    private static void execute(ClickHouseAccess ch, String sql) throws Exception {
        ch.client().query(sql).get().close();
    }
}
