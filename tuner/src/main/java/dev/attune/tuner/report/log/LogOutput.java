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

    private static final class RotatingFile extends LogOutput {
        private final File file;
        private final File backup;
        private final long maxBytes;
        private FileOutputStream out;
        private long size;

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
        }

        @Override
        synchronized void write(String line) {
            byte[] bytes = (line + '\n').getBytes(StandardCharsets.UTF_8);
            try {
                if (size > 0 && size + bytes.length > maxBytes) {
                    rotate();
                }
                out.write(bytes);
                size += bytes.length;
            } catch (IOException e) {
                // The disk refused: drop the line rather than disturb the application.
            }
        }

        private void rotate() throws IOException {
            out.close();
            if (backup.exists() && !backup.delete()) {
                throw new IOException("cannot delete " + backup);
            }
            if (!file.renameTo(backup)) {
                throw new IOException("cannot rename " + file);
            }
            out = new FileOutputStream(file, false);
            size = 0;
        }

        @Override
        synchronized void close() {
            try {
                out.close();
            } catch (IOException e) {
                // Closing at shutdown: nothing to do about it.
            }
        }
    }
}
