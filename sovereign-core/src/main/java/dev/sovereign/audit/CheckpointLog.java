package dev.sovereign.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Checkpoints written outside the store: a directory with one append-only JSON-lines file per writer
 * ({@code <writer>.jsonl}), each line forced to disk before {@link #append} returns. Keep the directory on
 * other storage than the database (or ship it to write-once storage) so that it outlives the store.
 * {@link #append} is called by one writer thread per file.
 */
public final class CheckpointLog {
    /** Writer ids are file names: letters, digits, dot, dash, underscore. */
    public static final Pattern WRITER_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    /** The subdirectory of time-stamp tokens, one file per writer. */
    public static final String STAMPS = "timestamps";

    private final Path dir;

    public CheckpointLog(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    public void append(Checkpoint checkpoint) throws IOException {
        appendLine(file(checkpoint.writer()), checkpoint.line());
    }

    /**
     * Appends an external time-stamp token to {@code timestamps/<writer>.jsonl} under the directory: kept beside the
     * checkpoints, so that a copy shipped off the machine carries both.
     */
    public void append(TimeStamp stamp) throws IOException {
        appendLine(stampFile(stamp.writer()), stamp.line());
    }

    private void appendLine(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        byte[] line = (text + "\n").getBytes(StandardCharsets.UTF_8);
        try (FileChannel ch = FileChannel.open(
                file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            ByteBuffer buf = ByteBuffer.wrap(line);
            while (buf.hasRemaining()) ch.write(buf);
            ch.force(false);
        }
    }

    /**
     * Every checkpoint in the directory, file by file in line order. A last line cut short by a crash is
     * skipped; any other unreadable line is returned as a {@link Problem}.
     */
    public Contents read() throws IOException {
        List<Checkpoint> checkpoints = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        if (!Files.isDirectory(dir)) return new Contents(checkpoints, problems);
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.jsonl")) {
            ds.forEach(files::add);
        } catch (NoSuchFileException e) {
            return new Contents(checkpoints, problems);
        }
        files.sort(null);
        for (Path f : files) {
            String text = Files.readString(f, StandardCharsets.UTF_8);
            String[] lines = text.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i];
                if (line.isBlank()) continue;
                boolean last = i == lines.length - 1; // no newline after it: an interrupted write
                try {
                    checkpoints.add(AuditJson.mapper().readValue(line, Checkpoint.class));
                } catch (JsonProcessingException | IllegalArgumentException | NullPointerException e) {
                    if (!last) problems.add(new Problem(f.getFileName() + ":" + (i + 1), "not a checkpoint"));
                }
            }
        }
        return new Contents(checkpoints, problems);
    }

    /** Every time-stamp token in {@code timestamps/}; unreadable lines are returned as problems, as in {@link #read}. */
    public StampContents readTimeStamps() throws IOException {
        List<TimeStamp> stamps = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        Path sub = dir.resolve(STAMPS);
        if (!Files.isDirectory(sub)) return new StampContents(stamps, problems);
        for (Path f : files(sub)) {
            String[] lines = Files.readString(f, StandardCharsets.UTF_8).split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                if (lines[i].isBlank()) continue;
                try {
                    stamps.add(AuditJson.mapper().readValue(lines[i], TimeStamp.class));
                } catch (JsonProcessingException | IllegalArgumentException | NullPointerException e) {
                    if (i != lines.length - 1) {
                        problems.add(new Problem(STAMPS + "/" + f.getFileName() + ":" + (i + 1), "not a time-stamp"));
                    }
                }
            }
        }
        return new StampContents(stamps, problems);
    }

    private static List<Path> files(Path dir) throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.jsonl")) {
            ds.forEach(files::add);
        } catch (NoSuchFileException e) {
            return files;
        }
        files.sort(null);
        return files;
    }

    private Path stampFile(String writer) {
        return dir.resolve(STAMPS).resolve(file(writer).getFileName());
    }

    private Path file(String writer) {
        if (!WRITER_ID.matcher(writer).matches()) {
            throw new IllegalArgumentException("writer id '" + writer + "' is not a valid file name");
        }
        return dir.resolve(writer + ".jsonl");
    }

    public record Contents(List<Checkpoint> checkpoints, List<Problem> problems) {}

    public record StampContents(List<TimeStamp> stamps, List<Problem> problems) {}

    public record Problem(String where, String what) {}
}
