package pipeline;

/** How a height was extracted: with StateCompute traces, or from parent messages/receipts only. */
public enum IndexMode {
    FULL("full"),
    DEGRADED("degraded");

    private final String label;

    IndexMode(String label) {
        this.label = label;
    }

    /** The value stored in {@code tipsets.mode} and shown in reports. */
    public String label() {
        return label;
    }
}
