package testsupport;

import java.nio.file.Path;

/**
 * The recorded chain data inside the repository ({@code fixtures/}, sources and licences in
 * {@code fixtures/README.md}). Paths are relative to the project root, where Maven runs the tests,
 * so a clone tests itself with nothing beside it.
 */
public final class Fixtures {
    public static final Path ROOT = Path.of("fixtures");
    public static final Path LOTUS = ROOT.resolve("lotus");
    public static final Path MAINNET = LOTUS.resolve("mainnet");
    public static final Path CALIBNET = LOTUS.resolve("calibnet");
    public static final Path ACTOR_CBOR = LOTUS.resolve("actor-cbor");
    public static final Path ADDRESSES = ROOT.resolve("addresses");

    private Fixtures() {
    }
}
