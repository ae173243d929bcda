package trace;

import codec.cid.Cid;
import java.util.Arrays;
import java.util.Objects;

/**
 * A message receipt. Internal calls of Lotus 1.23+ traces carry no gas used and no events root:
 * those read as 0 and null.
 */
public record Receipt(long exitCode, byte[] returnValue, long gasUsed, Cid eventsRoot) {

    @Override
    public boolean equals(Object o) {
        return o instanceof Receipt r && exitCode == r.exitCode && gasUsed == r.gasUsed
                && Arrays.equals(returnValue, r.returnValue) && Objects.equals(eventsRoot, r.eventsRoot);
    }

    @Override
    public int hashCode() {
        return Objects.hash(exitCode, gasUsed, eventsRoot) * 31 + Arrays.hashCode(returnValue);
    }

    @Override
    public String toString() {
        return "Receipt[exit " + exitCode + ", gas " + gasUsed + "]";
    }
}
