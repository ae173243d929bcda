package embedded;

import java.util.regex.Pattern;

/** Quoting for the few statements the endpoint itself issues (SET, USE, FROM INFILE). */
final class SqlText {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private SqlText() {
    }

    static String quote(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    static String identifier(String name) {
        return "`" + name.replace("\\", "\\\\").replace("`", "\\`") + "`";
    }

    static boolean isName(String name) {
        return NAME.matcher(name).matches();
    }
}
