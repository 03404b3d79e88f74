package dev.attune.tuner.report.log;

import java.io.File;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Where log lines go: the process's real standard error, or a size-bounded file.
 *
 * <p>Standard error is file descriptor 2 itself, not {@code System.err}: an application may point
 * {@code System.err} at its logging framework, and the agent's lines must never enter it. A file is
 * rotated to {@code <file>.1} (one backup) when the next line would take it past its bound. Only
 * {@code java.io} is used, so the log can be written during premain.
 */
public abstract class LogOutput {

    abstract void write(String line);

    abstract void close();

    /** Standard error (file descriptor 2). */
    public static LogOutput stderr() {
        return new Stream(new FileOutputStream(FileDescriptor.err));
    }

    /** An output that keeps lines in memory, for tests. */
    public static Memory memory() {
        return new Memory();
    }

    /** A file bounded to {@code maxBytes}; falls back to standard error, saying so, when it cannot be opened. */
    public static LogOutput file(File file, long maxBytes) throws IOException {
        return new RotatingFile(file, maxBytes);
    }

    private static final class Stream extends LogOutput {
        private final OutputStream out;

        Stream(OutputStream out) {
            this.out = out;
        }

        @Override
        synchronized void write(String line) {
            try {
                out.write((line + '\n').getBytes(StandardCharsets.UTF_8));
                out.flush();
            } catch (IOException e) {
                // Nowhere left to say it: standard error itself failed.
            }
        }

        @Override
        void close() {
            // Standard error stays open for the application.
        }
    }

    /** Lines kept in memory, for tests. */
    public static final class Memory extends LogOutput {
        private final java.util.List<String> lines = new java.util.ArrayList<>();

        @Override
        synchronized void write(String line) {
            lines.add(line);
        }

        @Override
        void close() {
        }

        /** A copy of the lines written so far. */
        public synchronized java.util.List<String> lines() {
            return new java.util.ArrayList<>(lines);
        }
    }

    /**
     * A file rotated to one backup. A rotation that fails (the backup cannot be deleted, the file cannot be
     * renamed or reopened) keeps the lines going to the file open now and is tried again a bound later; a line the
     * file refuses goes to standard error: logging never stops.
     */
    private static final class RotatingFile extends LogOutput {
        private final File file;
        private final File backup;
        private final long maxBytes;
        private final LogOutput fallback = stderr();
        private FileOutputStream out;
        private long size;
        private long rotateAt;

        RotatingFile(File file, long maxBytes) throws IOException {
            this.file = file;
            this.backup = new File(file.getPath() + ".1");
            this.maxBytes = maxBytes;
            File parent = file.getAbsoluteFile().getParentFile();
            if (parent != null && !parent.isDirectory() && !parent.mkdirs()) {
                throw new IOException("cannot create directory " + parent);
            }
            this.out = new FileOutputStream(file, true);
            this.size = file.length();
            this.rotateAt = maxBytes;
        }

        @Override
        synchronized void write(String line) {
            byte[] bytes = (line + '\n').getBytes(StandardCharsets.UTF_8);
            if (size > 0 && size + bytes.length > rotateAt) {
                rotate();
            }
            try {
                out.write(bytes);
                size += bytes.length;
            } catch (IOException e) {
                fallback.write(line); // the disk refused: the line still goes somewhere, and nothing disturbs the app
            }
        }

        private void rotate() {
            // Renamed while still open (POSIX allows it), so a failure anywhere leaves a stream to write to.
            if ((backup.exists() && !backup.delete()) || !file.renameTo(backup)) {
                rotateAt = size + maxBytes;
                return;
            }
            FileOutputStream next;
            try {
                next = new FileOutputStream(file, false);
            } catch (IOException e) {
                rotateAt = size + maxBytes; // the open stream now writes to the backup: lines go on
                return;
            }
            closeQuietly(out);
            out = next;
            size = 0;
            rotateAt = maxBytes;
        }

        private static void closeQuietly(FileOutputStream stream) {
            try {
                stream.close();
            } catch (IOException e) {
                // its lines were written as they came; nothing is lost by a failed close
            }
        }

        @Override
        synchronized void close() {
            closeQuietly(out);
        }
    }
}
