package rosetta;

/**
 * Operation statuses. Every operation filflow answers moved its amount: a failed call moves no
 * value (the history's movement model leaves it out), so its transfer is no operation at all.
 */
public enum OperationStatus {
    OK("OK", true);

    private final String label;
    private final boolean successful;

    OperationStatus(String label, boolean successful) {
        this.label = label;
        this.successful = successful;
    }

    public String label() {
        return label;
    }

    public boolean successful() {
        return successful;
    }
}
