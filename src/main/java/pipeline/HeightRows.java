package pipeline;

import java.util.List;
import storage.rows.Row;
import storage.rows.TipsetRow;

/**
 * What one height produced once extracted: the data rows not yet written (routed to their tables;
 * a huge height has already spilled the others), the commit-marker {@code tipsets} row (written
 * last) and the creations to announce. Its archive file is already in place.
 */
public record HeightRows(long height, TipsetRow tipset, IndexMode mode, HeightResult.Counts counts,
        List<Row> rows, List<NewContract> newContracts) {

    public boolean nullRound() {
        return tipset.nullRound() == 1;
    }
}
