package contracts.solc;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Solidity compiler release as tools name it: {@code 0.8.24}, {@code v0.8.24} or the long form
 * {@code v0.8.24+commit.e11b9ed9} that Etherscan, Hardhat and Foundry send. The npm package
 * {@code solc@<release>} bundles exactly that release; the commit, when given, must be the one the
 * loaded compiler reports.
 */
public record SolcVersion(String release, String commit) {
    private static final Pattern FORM = Pattern.compile("v?(\\d{1,3}\\.\\d{1,3}\\.\\d{1,3})(?:\\+commit\\.([0-9a-f]{8}))?");
    private static final Pattern REPORTED = Pattern.compile("(\\d{1,3}\\.\\d{1,3}\\.\\d{1,3})\\+commit\\.([0-9a-f]{8}).*");

    /** The version a user gave, or empty when it is not a release name (nightlies are not on npm). */
    public static Optional<SolcVersion> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = FORM.matcher(text.trim().toLowerCase(Locale.ROOT));
        return m.matches() ? Optional.of(new SolcVersion(m.group(1), m.group(2))) : Optional.empty();
    }

    /** The long form, {@code v0.8.24+commit.e11b9ed9} (without a commit: {@code v0.8.24}). */
    public String longForm() {
        return "v" + release + (commit == null ? "" : "+commit." + commit);
    }

    /** Whether {@code reported} (the compiler's own {@code solidity_version()}) is this version. */
    public boolean isReportedBy(String reported) {
        Matcher m = REPORTED.matcher(reported == null ? "" : reported);
        return m.matches() && m.group(1).equals(release) && (commit == null || commit.equals(m.group(2)));
    }

    /** {@code v0.8.24+commit.e11b9ed9} from a compiler's report, e.g. {@code 0.8.24+commit.e11b9ed9.Emscripten.clang}. */
    public static String longFormOf(String reported) {
        Matcher m = REPORTED.matcher(reported == null ? "" : reported);
        return m.matches() ? "v" + m.group(1) + "+commit." + m.group(2) : reported;
    }

    @Override
    public String toString() {
        return longForm();
    }
}
