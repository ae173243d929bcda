package storage.clickhouse;

import java.time.LocalDate;

/** UTC date-time text as ClickHouse reads it into DateTime columns, as ticks since the epoch. */
final class DateTimeText {
    private static final long[] POWERS = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000,
        1_000_000_000};

    private DateTimeText() {
    }

    /**
     * {@code yyyy-MM-dd HH:mm:ss[.f…]} ({@code T} instead of the space and a trailing {@code Z}
     * allowed) in units of 10^-precision seconds; digits beyond the precision are cut, as
     * ClickHouse does.
     */
    static long ticks(String text, int precision) {
        String s = text.endsWith("Z") ? text.substring(0, text.length() - 1) : text;
        if (s.length() < 19 || s.charAt(4) != '-' || s.charAt(7) != '-' || (s.charAt(10) != ' ' && s.charAt(10) != 'T')
                || s.charAt(13) != ':' || s.charAt(16) != ':' || (s.length() > 19 && s.charAt(19) != '.')
                || precision < 0 || precision >= POWERS.length) {
            throw new IllegalArgumentException("not a date-time (yyyy-MM-dd HH:mm:ss[.ffffff]): " + text);
        }
        long day = LocalDate.of(digits(s, 0, 4, text), digits(s, 5, 7, text), digits(s, 8, 10, text)).toEpochDay();
        long second = day * 86_400 + digits(s, 11, 13, text) * 3_600L + digits(s, 14, 16, text) * 60L
                + digits(s, 17, 19, text);
        long fraction = 0;
        int used = 0;
        for (int i = 20; i < s.length(); i++) {
            int d = digit(s.charAt(i), text);
            if (used < precision) {
                fraction = fraction * 10 + d;
                used++;
            }
        }
        return second * POWERS[precision] + fraction * POWERS[precision - used];
    }

    private static int digits(String s, int from, int to, String text) {
        int v = 0;
        for (int i = from; i < to; i++) {
            v = v * 10 + digit(s.charAt(i), text);
        }
        return v;
    }

    private static int digit(char c, String text) {
        if (c < '0' || c > '9') {
            throw new IllegalArgumentException("not a date-time (yyyy-MM-dd HH:mm:ss[.ffffff]): " + text);
        }
        return c - '0';
    }
}
