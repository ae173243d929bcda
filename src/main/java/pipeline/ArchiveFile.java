package pipeline;

/** One archive file of a height, ready to write. */
public record ArchiveFile(String path, byte[] content) {
}
