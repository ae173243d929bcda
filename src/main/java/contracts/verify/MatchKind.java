package contracts.verify;

/** Sourcify's verdicts: the metadata hash equal too (full), equal once metadata and immutables are masked (partial), or not. */
public enum MatchKind {
    FULL, PARTIAL, NONE;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static MatchKind ofLabel(String label) {
        return valueOf(label.toUpperCase(java.util.Locale.ROOT));
    }
}
