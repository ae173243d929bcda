package pipeline;

import java.util.List;
import storage.rows.Row;
import storage.rows.TipsetRow;

/**
 * Everything one height produced, complete before anything is written: the data rows (routed to
 * their tables), the commit-marker {@code tipsets} row (written last), creations to announce and
 * archive files.
 */
public record HeightRows(long height, TipsetRow tipset, IndexMode mode, HeightResult.Counts counts,
        List<Row> rows, List<NewContract> newContracts, List<ArchiveFile> archive) {

    public boolean nullRound() {
        return tipset.nullRound() == 1;
    }
}
