package api;

/**
 * SQL fragments of the canonical rule (docs/STORAGE.md): a row counts only when its
 * {@code (height, tipset_key, indexed_at)} is the {@code tipsets FINAL} row of its height. Every row
 * of one indexing attempt carries the attempt's {@code indexed_at}, so rows an earlier attempt wrote
 * (of an orphaned tipset, or extras a re-index no longer yields) never count. Fragments are constant
 * text; values reach them only as bound parameters.
 */
public final class Canonical {
    private Canonical() {
    }

    /** Canonical among the heights the given subquery (or list) selects. */
    public static String among(String heightsSubquery) {
        return "(height, tipset_key, indexed_at) IN (SELECT height, tipset_key, indexed_at FROM tipsets FINAL"
                + " WHERE height IN (" + heightsSubquery + "))";
    }

    /** Canonical at one height bound as {@code {h:UInt64}}. */
    public static final String AT_HEIGHT = "(tipset_key, indexed_at) IN (SELECT tipset_key, indexed_at FROM tipsets FINAL"
            + " WHERE height = {h:UInt64})";
}
