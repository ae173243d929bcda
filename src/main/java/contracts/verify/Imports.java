package contracts.verify;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The imports of a standard JSON input that none of its sources answer, found before anything is
 * queued: the compiler has no file system and no import callback here, so such an input can only
 * fail. Imports are read from the source text outside comments and string literals; a path
 * starting with {@code ./} or {@code ../} is relative to the importing file; {@code settings.remappings}
 * ({@code [context:]prefix=target}, the longest prefix wins) apply as solc applies them.
 */
public final class Imports {
    private Imports() {
    }

    /** Throws {@code MISSING_SOURCE} naming the first few imports no source answers. */
    public static void requireAll(JsonNode standardJson) {
        List<String> missing = missing(standardJson);
        if (!missing.isEmpty()) {
            throw new VerificationInputException("MISSING_SOURCE", String.join("; ",
                    missing.subList(0, Math.min(3, missing.size()))) + (missing.size() > 3 ? " (and "
                    + (missing.size() - 3) + " more)" : "") + ": give every file the contract imports (the standard JSON"
                    + " input of the build has them all)");
        }
    }

    static List<String> missing(JsonNode standardJson) {
        JsonNode sources = standardJson.path("sources");
        List<String[]> remappings = new ArrayList<>();
        for (JsonNode r : standardJson.path("settings").path("remappings")) {
            String text = r.asText();
            int eq = text.indexOf('=');
            if (eq > 0) {
                int colon = text.lastIndexOf(':', eq);
                remappings.add(new String[] {colon < 0 ? "" : text.substring(0, colon), text.substring(colon + 1, eq),
                        text.substring(eq + 1)});
            }
        }
        List<String> missing = new ArrayList<>();
        for (var it = sources.fields(); it.hasNext(); ) {
            var source = it.next();
            String file = source.getKey();
            for (String path : paths(source.getValue().path("content").asText())) {
                String unit = remap(file, path.startsWith("./") || path.startsWith("../") ? relative(file, path) : path, remappings);
                if (!sources.has(unit)) {
                    missing.add(file + " imports '" + path + "'" + (unit.equals(path) ? "" : " (" + unit + ")")
                            + ", which is not among the sources");
                }
            }
        }
        return missing;
    }

    /** The import paths of a Solidity source: the string literal of each {@code import} statement. */
    static List<String> paths(String source) {
        List<String> paths = new ArrayList<>();
        int n = source.length();
        boolean inImport = false;
        for (int i = 0; i < n; i++) {
            char c = source.charAt(i);
            if (c == '/' && i + 1 < n && source.charAt(i + 1) == '/') {
                int end = source.indexOf('\n', i);
                i = end < 0 ? n : end;
            } else if (c == '/' && i + 1 < n && source.charAt(i + 1) == '*') {
                int end = source.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 1;
            } else if (c == '"' || c == '\'') {
                int end = i + 1;
                while (end < n && source.charAt(end) != c) {
                    end += source.charAt(end) == '\\' ? 2 : 1;
                }
                if (inImport && end < n) {
                    paths.add(source.substring(i + 1, end));
                    inImport = false;
                }
                i = end;
            } else if (c == ';') {
                inImport = false;
            } else if (Character.isJavaIdentifierStart(c)) {
                int end = i;
                while (end < n && Character.isJavaIdentifierPart(source.charAt(end))) {
                    end++;
                }
                if (source.startsWith("import", i) && end - i == 6) {
                    inImport = true;
                }
                i = end - 1;
            }
        }
        return paths;
    }

    /** {@code ./x} and {@code ../x} against the importing file's folder, as solc normalizes them. */
    private static String relative(String file, String path) {
        Deque<String> parts = new ArrayDeque<>();
        int slash = file.lastIndexOf('/');
        if (slash > 0) {
            for (String p : file.substring(0, slash).split("/")) {
                parts.addLast(p);
            }
        }
        for (String p : path.split("/")) {
            if (p.equals("..")) {
                if (!parts.isEmpty()) {
                    parts.removeLast();
                }
            } else if (!p.equals(".") && !p.isEmpty()) {
                parts.addLast(p);
            }
        }
        return String.join("/", parts);
    }

    private static String remap(String file, String path, List<String[]> remappings) {
        String[] best = null;
        for (String[] r : remappings) {
            if (file.startsWith(r[0]) && path.startsWith(r[1])
                    && (best == null || r[0].length() > best[0].length()
                    || r[0].length() == best[0].length() && r[1].length() > best[1].length())) {
                best = r;
            }
        }
        return best == null ? path : best[2] + path.substring(best[1].length());
    }
}
