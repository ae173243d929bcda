package contracts;

import storage.rows.Row;

/**
 * One row of the {@code contracts} table (db/clickhouse/040_contracts.sql); column names are the
 * components in snake_case. Absent strings are '' and an unknown deployer ID is null.
 */
public record ContractRow(
        long actorId,
        String robust,
        String delegated,
        String eth,
        String kind,
        String codeCid,
        String actorType,
        Long deployerId,
        String deployerRobust,
        String deployerDelegated,
        String deployerEth,
        String creationMessageCid,
        long creationHeight,
        String creationTipsetKey,
        long creationTimestamp,
        String creationCallPath,
        int creationDepth,
        String creationMethod,
        String topLevelFrom,
        String topLevelTo,
        String network,
        String bytecode,
        String bytecodeHash,
        String bytecodeSource,
        long version) implements Row {

    public static final String TABLE = "contracts";

    @Override
    public String table() {
        return TABLE;
    }
}
