package storage.clickhouse;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import storage.rows.Row;
import storage.rows.RowJson;

/**
 * How one row class is written into one table as {@code RowBinaryWithNames}: a header with the
 * column names (the row's JSON property names, so exactly the columns JSONEachRow would fill), then
 * every row's values encoded as the table's column types. Encoding binary values costs a fraction of
 * printing and parsing JSON, on both sides of the insert. Built only when every property maps to a
 * column whose type {@link RowBinaryType} knows with a Java type it can encode; otherwise the table
 * stays on JSONEachRow.
 */
final class RowBinaryTable {
    private static final ObjectMapper NAMES = RowJson.mapper();

    private final List<String> names;
    private final List<AnnotatedMember> accessors;
    private final List<RowBinaryType> types;

    private RowBinaryTable(List<String> names, List<AnnotatedMember> accessors, List<RowBinaryType> types) {
        this.names = names;
        this.accessors = accessors;
        this.types = types;
    }

    /**
     * The encoding of {@code rowClass} into a table with {@code columns} (by name), or empty with the reason in {@code why} when a property has no column or no encoding.
     */
    static Optional<RowBinaryTable> of(Class<? extends Row> rowClass, Map<String, RowBinaryType.Column> columns,
            StringBuilder why) {
        List<String> names = new ArrayList<>();
        List<AnnotatedMember> accessors = new ArrayList<>();
        List<RowBinaryType> types = new ArrayList<>();
        JavaType type = NAMES.constructType(rowClass);
        for (BeanPropertyDefinition p : NAMES.getSerializationConfig().introspect(type).findProperties()) {
            AnnotatedMember accessor = p.getAccessor();
            if (accessor == null) {
                continue;
            }
            String column = p.getName();
            RowBinaryType.Column columnType = columns.get(column);
            if (columnType == null) {
                why.append("no column ").append(column);
                return Optional.empty();
            }
            Optional<RowBinaryType> encoding = RowBinaryType.of(columnType, p.getPrimaryType());
            if (encoding.isEmpty()) {
                why.append("column ").append(column).append(' ').append(columnType.type()).append(" from ")
                        .append(p.getPrimaryType().toCanonical());
                return Optional.empty();
            }
            accessor.fixAccess(true);
            names.add(column);
            accessors.add(accessor);
            types.add(encoding.get());
        }
        return Optional.of(new RowBinaryTable(List.copyOf(names), List.copyOf(accessors), List.copyOf(types)));
    }

    /** Writes the header and {@code rows} in {@code RowBinaryWithNames}. */
    void write(OutputStream target, List<? extends Row> rows) throws IOException {
        BinaryOut out = new BinaryOut(target);
        out.unsignedLeb128(names.size());
        for (String name : names) {
            out.string(name);
        }
        for (Row row : rows) {
            for (int i = 0; i < types.size(); i++) {
                types.get(i).write(accessors.get(i).getValue(row), out);
            }
        }
        out.flush();
    }

    /** Little-endian primitives into a reused buffer, flushed to the request body when full. */
    static final class BinaryOut {
        private final OutputStream target;
        private final byte[] buffer = new byte[64 * 1024];
        private int size;

        BinaryOut(OutputStream target) {
            this.target = target;
        }

        private void room(int n) throws IOException {
            if (size + n > buffer.length) {
                target.write(buffer, 0, size);
                size = 0;
            }
        }

        void fixed(long value, int bytes) throws IOException {
            room(bytes);
            for (int i = 0; i < bytes; i++) {
                buffer[size++] = (byte) (value >>> (8 * i));
            }
        }

        /** {@code value} (two's complement) as {@code bytes} little-endian bytes, sign-extended. */
        void wide(BigInteger value, int bytes) throws IOException {
            byte[] big = value.toByteArray();
            byte pad = (byte) (value.signum() < 0 ? 0xff : 0);
            room(bytes);
            for (int i = 0; i < bytes; i++) {
                buffer[size++] = i < big.length ? big[big.length - 1 - i] : pad;
            }
        }

        void unsignedLeb128(long value) throws IOException {
            room(10);
            long v = value;
            while ((v & ~0x7fL) != 0) {
                buffer[size++] = (byte) ((v & 0x7f) | 0x80);
                v >>>= 7;
            }
            buffer[size++] = (byte) v;
        }

        void string(String s) throws IOException {
            byte[] utf8 = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            unsignedLeb128(utf8.length);
            if (utf8.length > buffer.length) {
                target.write(buffer, 0, size);
                size = 0;
                target.write(utf8);
                return;
            }
            room(utf8.length);
            System.arraycopy(utf8, 0, buffer, size, utf8.length);
            size += utf8.length;
        }

        void flush() throws IOException {
            target.write(buffer, 0, size);
            size = 0;
        }
    }
}
