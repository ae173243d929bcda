package filflow;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Takes secrets out of URLs before they reach a log, a health detail or an API answer: node and
 * database URLs may carry credentials ({@code user:pass@}), tokens in the query
 * ({@code ?token=…}) or an API key as a path segment ({@code /v3/<key>}).
 */
public final class Redact {
    /** A URL, without the punctuation that ends the sentence around it ("…/rpc: refused"). */
    private static final Pattern URL = Pattern.compile("(?i)\\b([a-z][a-z0-9+.\\-]*:)?//[^\\s\"'<>]*[^\\s\"'<>:,.;)]");
    /** A path segment that looks like a key: long, of key characters, with at least one digit. */
    private static final Pattern KEY_SEGMENT = Pattern.compile("(?=[A-Za-z_\\-]*[0-9])[A-Za-z0-9_\\-]{20,}");
    private static final String HIDDEN = "***";

    private Redact() {
    }

    /** Every URL in {@code text} redacted; null stays null. */
    public static String text(String text) {
        if (text == null || text.indexOf("//") < 0) {
            return text;
        }
        Matcher m = URL.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(url(m.group())));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** One URL without user info, query, fragment, or path segments that look like keys. */
    public static String url(String url) {
        int start = url.indexOf("//") + 2;
        int pathStart = indexOfAny(url, "/?#", start);
        String authority = url.substring(start, pathStart < 0 ? url.length() : pathStart);
        int at = authority.lastIndexOf('@');
        StringBuilder out = new StringBuilder(url.substring(0, start));
        out.append(at < 0 ? authority : HIDDEN + "@" + authority.substring(at + 1));
        if (pathStart < 0) {
            return out.toString();
        }
        String rest = url.substring(pathStart);
        int query = indexOfAny(rest, "?#", 0);
        String path = query < 0 ? rest : rest.substring(0, query);
        out.append(KEY_SEGMENT.matcher(path).replaceAll(HIDDEN));
        if (query >= 0) {
            out.append(rest.charAt(query)).append(HIDDEN);
        }
        return out.toString();
    }

    private static int indexOfAny(String s, String chars, int from) {
        for (int i = from; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }
}
