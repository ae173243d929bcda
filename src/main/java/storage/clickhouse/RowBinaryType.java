package storage.clickhouse;

import com.fasterxml.jackson.databind.JavaType;
import java.io.IOException;
import java.math.BigInteger;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import storage.clickhouse.RowBinaryTable.BinaryOut;

/**
 * The RowBinary encoding of one ClickHouse column type from the Java values a row holds, for the
 * types filflow's tables use: integers up to 256 bits, String, Bool, floats, DateTime and
 * DateTime64 (from epoch seconds, or from {@code yyyy-MM-dd HH:mm:ss[.ffffff]} text when the
 * column's time zone is given), Array, Nullable, LowCardinality and SimpleAggregateFunction.
 * A null into a column that is not Nullable is the type's default, as JSONEachRow makes it
 * ({@code input_format_null_as_default}); a value out of the column's range fails the insert.
 */
interface RowBinaryType {
    void write(Object value, BinaryOut out) throws IOException;

    /** A column as {@code system.columns} describes it: its type and whether it has a DEFAULT expression. */
    record Column(String type, boolean hasDefault) {
    }

    /** The encoding of {@code column} from values of {@code java}, or empty if there is none. */
    static Optional<RowBinaryType> of(Column column, JavaType java) {
        Optional<RowBinaryType> encoding = of(column.type().trim(), java);
        // JSONEachRow turns a null into the column's DEFAULT expression, which only the engine can evaluate
        if (encoding.isPresent() && column.hasDefault() && !java.isPrimitive() && !column.type().startsWith("Nullable(")) {
            return Optional.empty();
        }
        return encoding;
    }

    private static Optional<RowBinaryType> of(String type, JavaType java) {
        if (type.startsWith("LowCardinality(")) {
            return of(inner(type, "LowCardinality("), java);
        }
        if (type.startsWith("SimpleAggregateFunction(")) {
            String args = inner(type, "SimpleAggregateFunction(");
            int comma = topLevelComma(args);
            return comma < 0 ? Optional.empty() : of(args.substring(comma + 1).trim(), java);
        }
        if (type.startsWith("Nullable(")) {
            return of(inner(type, "Nullable("), java).map(RowBinaryType::nullable);
        }
        if (type.startsWith("Array(")) {
            if (!java.isCollectionLikeType() || java.getContentType() == null) {
                return Optional.empty();
            }
            return of(inner(type, "Array("), java.getContentType()).map(RowBinaryType::array);
        }
        if (type.equals("String")) {
            return java.hasRawClass(String.class) ? Optional.of(RowBinaryType::string) : Optional.empty();
        }
        if (type.equals("Bool")) {
            return integral(java) ? Optional.of(integer(1, false)) : Optional.empty();
        }
        if (type.equals("Float64") || type.equals("Float32")) {
            return java.isTypeOrSubTypeOf(Number.class) || isPrimitiveNumber(java)
                    ? Optional.of(type.equals("Float64") ? RowBinaryType::float64 : RowBinaryType::float32) : Optional.empty();
        }
        if (type.equals("DateTime") || type.startsWith("DateTime(")) {
            boolean zoned = type.startsWith("DateTime(");
            if (integral(java)) {
                return Optional.of(integer(4, false));
            }
            return zoned && utc(type) && java.hasRawClass(String.class) ? Optional.of(dateTimeText(0, 4)) : Optional.empty();
        }
        if (type.startsWith("DateTime64(")) {
            String[] args = inner(type, "DateTime64(").split(",");
            return args.length == 2 && utc(type) && java.hasRawClass(String.class)
                    ? Optional.of(dateTimeText(Integer.parseInt(args[0].trim()), 8)) : Optional.empty();
        }
        for (String sign : List.of("UInt", "Int")) {
            if (type.startsWith(sign) && type.substring(sign.length()).matches("8|16|32|64|128|256")) {
                int bits = Integer.parseInt(type.substring(sign.length()));
                return integral(java) ? Optional.of(integer(bits / 8, sign.equals("Int"))) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static boolean integral(JavaType java) {
        Class<?> c = java.getRawClass();
        return c == long.class || c == int.class || c == short.class || c == byte.class || c == boolean.class
                || c == Long.class || c == Integer.class || c == Short.class || c == Byte.class || c == Boolean.class
                || c == BigInteger.class;
    }

    private static boolean isPrimitiveNumber(JavaType java) {
        return java.isPrimitive() && java.getRawClass() != boolean.class && java.getRawClass() != char.class;
    }

    private static boolean utc(String type) {
        return type.endsWith("'UTC')");
    }

    private static String inner(String type, String prefix) {
        return type.substring(prefix.length(), type.length() - 1).trim();
    }

    private static int topLevelComma(String s) {
        int depth = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                return i;
            }
        }
        return -1;
    }

    private static RowBinaryType nullable(RowBinaryType inner) {
        return (value, out) -> {
            out.fixed(value == null ? 1 : 0, 1);
            if (value != null) {
                inner.write(value, out);
            }
        };
    }

    private static RowBinaryType array(RowBinaryType element) {
        return (value, out) -> {
            Collection<?> items = value == null ? List.of() : (Collection<?>) value;
            out.unsignedLeb128(items.size());
            for (Object item : items) {
                element.write(item, out);
            }
        };
    }

    private static void string(Object value, BinaryOut out) throws IOException {
        out.string(value == null ? "" : (String) value);
    }

    private static void float64(Object value, BinaryOut out) throws IOException {
        out.fixed(Double.doubleToRawLongBits(value == null ? 0 : ((Number) value).doubleValue()), 8);
    }

    private static void float32(Object value, BinaryOut out) throws IOException {
        out.fixed(Float.floatToRawIntBits(value == null ? 0 : ((Number) value).floatValue()), 4);
    }

    /** A {@code bytes}-wide integer, checked against the column's range. */
    private static RowBinaryType integer(int bytes, boolean signed) {
        BigInteger limit = BigInteger.ONE.shiftLeft(signed ? 8 * bytes - 1 : 8 * bytes);
        BigInteger min = signed ? limit.negate() : BigInteger.ZERO;
        return (value, out) -> {
            if (value instanceof BigInteger big) {
                if (big.compareTo(min) < 0 || big.compareTo(limit) >= 0) {
                    throw new IllegalArgumentException(big + " is out of the range of a " + (signed ? "" : "U") + "Int"
                            + 8 * bytes + " column");
                }
                out.wide(big, bytes);
                return;
            }
            long v = value == null ? 0 : value instanceof Boolean b ? (b ? 1 : 0) : ((Number) value).longValue();
            boolean fits = bytes >= 8 ? signed || v >= 0
                    : signed ? v >= -(1L << (8 * bytes - 1)) && v < (1L << (8 * bytes - 1)) : v >= 0 && v < (1L << (8 * bytes));
            if (!fits) {
                throw new IllegalArgumentException(v + " is out of the range of a " + (signed ? "" : "U") + "Int"
                        + 8 * bytes + " column");
            }
            if (bytes <= 8) {
                out.fixed(v, bytes);
            } else {
                out.wide(BigInteger.valueOf(v), bytes);
            }
        };
    }

    /**
     * UTC {@code yyyy-MM-dd HH:mm:ss[.f…]} (or with {@code T} and a trailing {@code Z}) as ticks of
     * 10^-precision seconds: Int64 for DateTime64, UInt32 seconds for DateTime (precision 0).
     */
    private static RowBinaryType dateTimeText(int precision, int bytes) {
        return (value, out) -> {
            long ticks = value == null ? 0 : DateTimeText.ticks((String) value, precision);
            if (bytes == 4 && (ticks < 0 || ticks >= 1L << 32)) {
                throw new IllegalArgumentException(value + " is out of the range of a DateTime column");
            }
            out.fixed(ticks, bytes);
        };
    }
}
