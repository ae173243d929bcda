package jobs;

/** Inclusive range of heights {@code from..to}. */
public record HeightRange(long from, long to) {
    public HeightRange {
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("not a height range: " + from + ".." + to);
        }
    }

    public long size() {
        return to - from + 1;
    }
}
