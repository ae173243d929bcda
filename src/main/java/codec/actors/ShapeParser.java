package codec.actors;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Parses the type expressions of {@code schemas.yaml} into {@link Shape}s (grammar in {@link Shape}). */
final class ShapeParser {
    private static final Set<String> PRIMITIVES = Set.of("int", "uint", "bigint", "addr", "cid", "bytes", "hex",
            "str", "bool", "any", "label", "peerid", "calldata", "bitfield");

    private final String text;
    private final Map<String, Shape> types;
    private int pos;

    private ShapeParser(String text, Map<String, Shape> types) {
        this.text = text;
        this.types = types;
    }

    static Shape parse(String text, Map<String, Shape> types) {
        ShapeParser p = new ShapeParser(text, types);
        Shape s = p.union();
        p.skipSpace();
        if (p.pos != text.length()) {
            throw p.error("unexpected '" + text.charAt(p.pos) + "'");
        }
        return s;
    }

    /** {@code A | B | …}: the first alternative the value fits. */
    private Shape union() {
        List<Shape> alternatives = new ArrayList<>();
        alternatives.add(shape());
        skipSpace();
        while (peek('|')) {
            pos++;
            alternatives.add(shape());
            skipSpace();
        }
        return alternatives.size() == 1 ? alternatives.get(0) : new Shape.OneOf(List.copyOf(alternatives));
    }

    private Shape shape() {
        skipSpace();
        Shape s;
        if (peek('[')) {
            pos++;
            s = new Shape.ListOf(union());
            expect(']');
        } else if (peek('{')) {
            pos++;
            s = struct();
        } else if (peek('<')) {
            pos++;
            String field = word();
            expect(':');
            s = new Shape.Named(field, union());
            expect('>');
        } else if (peek('@')) {
            pos++;
            s = new Shape.Ref(word(), types);
        } else {
            String w = word();
            if (!PRIMITIVES.contains(w)) {
                throw error("unknown type '" + w + "'");
            }
            s = new Shape.Primitive(w);
        }
        skipSpace();
        if (peek('?')) {
            pos++;
            s = new Shape.Nullable(s);
        }
        return s;
    }

    private Shape struct() {
        List<Map.Entry<String, Shape>> fields = new ArrayList<>();
        skipSpace();
        while (!peek('}')) {
            String name = word();
            expect(':');
            fields.add(Map.entry(name, union()));
            skipSpace();
            if (peek(',')) {
                pos++;
                skipSpace();
            } else if (!peek('}')) {
                throw error("expected ',' or '}'");
            }
        }
        pos++;
        return new Shape.Struct(List.copyOf(fields));
    }

    private String word() {
        skipSpace();
        int start = pos;
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
            pos++;
        }
        if (start == pos) {
            throw error("expected a name");
        }
        return text.substring(start, pos);
    }

    private void expect(char c) {
        skipSpace();
        if (!peek(c)) {
            throw error("expected '" + c + "'");
        }
        pos++;
    }

    private boolean peek(char c) {
        return pos < text.length() && text.charAt(pos) == c;
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private IllegalArgumentException error(String message) {
        return new IllegalArgumentException(message + " at " + pos + " in schema '" + text + "'");
    }
}
