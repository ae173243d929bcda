package pipeline;

import java.util.ArrayList;
import java.util.List;

/**
 * Indexes a batch of heights completely (rows, archive, new_contract) and reports one
 * {@link HeightResult} per height. The route {@code direct:index-heights} delegates here.
 * (Landing stub: every height fails until the extraction lands.)
 */
public class HeightIndexer {

    public List<HeightResult> index(List<Long> heights) {
        List<HeightResult> results = new ArrayList<>(heights.size());
        for (Long height : heights) {
            results.add(HeightResult.failed(height, IndexMode.FULL, 0,
                    new UnsupportedOperationException("per-height extraction not landed yet")));
        }
        return results;
    }
}
