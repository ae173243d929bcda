package rosetta;

import api.ActorDirectory;
import api.SqlRows;
import codec.address.Address;
import java.math.BigInteger;

/** Balances at a block for {@code /account/balance}, from the balance history. */
final class AccountBalances {
    private final SqlRows rows;
    private final ActorDirectory actors;

    AccountBalances(SqlRows rows, ActorDirectory actors) {
        this.rows = rows;
        this.actors = actors;
    }

    record Balance(BigInteger attoFil, Long nonce) {
    }

    /** The balance of the actor an address names after the tipset's messages ran. */
    Balance at(Address account, ChainTipset tipset) {
        long id = actors.resolveId(account).orElseThrow(() -> RosettaError.ACCOUNT_NOT_FOUND.because(
                "no indexed actor has address " + account));
        throw RosettaError.ACCOUNT_NOT_FOUND.because("balance history of f0" + id + " pending");
    }
}
