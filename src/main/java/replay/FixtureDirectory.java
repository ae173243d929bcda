package replay;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/** The recorded files of one network directory: {@code <kind>_<height>.json.gz}, indexed by kind and height. */
final class FixtureDirectory {
    enum Kind {
        TIPSET, TRACES, ETHLOG, NATIVELOG, METADATA
    }

    private static final Pattern NAME = Pattern.compile("(tipset|traces|ethlog|nativelog|metadata)_(\\d+)\\.json\\.gz");

    private final Path dir;
    private final Map<Kind, NavigableMap<Long, Path>> files = new EnumMap<>(Kind.class);

    FixtureDirectory(Path dir) {
        this.dir = dir;
        for (Kind k : Kind.values()) {
            files.put(k, new TreeMap<>());
        }
        try (Stream<Path> list = Files.list(dir)) {
            list.forEach(p -> {
                Matcher m = NAME.matcher(p.getFileName().toString());
                if (m.matches()) {
                    Kind kind = Kind.valueOf(m.group(1).toUpperCase(java.util.Locale.ROOT));
                    files.get(kind).put(Long.parseLong(m.group(2)), p);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list fixtures directory " + dir, e);
        }
        if (files.get(Kind.TIPSET).isEmpty()) {
            throw new IllegalArgumentException("no tipset_<height>.json.gz files in " + dir);
        }
    }

    Path dir() {
        return dir;
    }

    /** Heights with a file of {@code kind}, ascending. */
    NavigableMap<Long, Path> heights(Kind kind) {
        return Collections.unmodifiableNavigableMap(files.get(kind));
    }

    boolean has(Kind kind, long height) {
        return files.get(kind).containsKey(height);
    }

    /** The decompressed bytes of a recorded file. */
    byte[] read(Kind kind, long height) {
        Path p = files.get(kind).get(height);
        if (p == null) {
            throw new IllegalArgumentException("no " + kind + " file for height " + height);
        }
        try (InputStream in = new GZIPInputStream(Files.newInputStream(p), 1 << 16)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p, e);
        }
    }
}
