package history;

/**
 * Why FIL moved. Each kind names the movement pair's cause; {@link #label()} is the operation type
 * the Rosetta API lists.
 */
public enum MovementKind {
    /** Base fee × gas used: sender → burnt funds actor {@code f099}. */
    BASE_FEE_BURN("Fee"),
    /** Over-estimation burn of unused gas: sender → {@code f099}. */
    OVER_ESTIMATION_BURN("Fee"),
    /** Premium × gas limit: sender → reward actor {@code f02}, which pays the block's miner in its reward message. */
    MINER_TIP("Miner tip"),
    /** The reward actor pays a miner (block reward plus the tips it collected) in an implicit reward message. */
    MINER_REWARD("Miner reward"),
    /** A miner burns the penalty its reward message names ({@code ApplyRewards} → {@code f099}). */
    MINER_PENALTY("Miner penalty"),
    /** Any other value sent to {@code f099} (fault fees, burnt collateral, ...). */
    BURN("Burn"),
    /** Value moved by a successful call frame (any depth, implicit messages included). */
    TRANSFER("Transfer");

    private final String label;

    MovementKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
