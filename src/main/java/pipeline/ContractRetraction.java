package pipeline;

import java.util.List;

/**
 * The value published on {@code new_contract} when a creation announced before is no longer on the
 * chain: the tipset it was made in was orphaned by a reorg (docs/PIPELINE.md, "Retractions"). The
 * record key is {@link #messageCid()}, as the creation's, so it follows the creation on its
 * partition. The fields name the withdrawn creation record: {@code height}, {@code tipsetKey} (the
 * orphaned tipset), {@code messageCid}, {@code callPath} and the actor it announced;
 * {@code canonicalTipsetKey} is the tipset the index holds at that height now ({@code []} for a
 * null round).
 */
public record ContractRetraction(
        boolean retracted,
        String network,
        long height,
        List<String> tipsetKey,
        List<String> canonicalTipsetKey,
        String messageCid,
        String callPath,
        long actorId,
        String robust,
        String delegated,
        String eth) {
}
