package dev.attune.instrumentation.signals;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads numbers from a Linux {@code /proc} file of "Key:  value [kB]" lines ({@code status},
 * {@code meminfo}). Agent thread only.
 */
final class ProcFields {

    private ProcFields() {
    }

    /**
     * The values of {@code keys} in {@code file}, in bytes when the line says kB; -1 for a key that is
     * absent, or for all of them when the file cannot be read (not Linux, a thread that just ended).
     */
    static long[] read(Path file, String... keys) {
        long[] values = new long[keys.length];
        Arrays.fill(values, -1);
        try (BufferedReader in = Files.newBufferedReader(file)) {
            int found = 0;
            for (String line; found < keys.length && (line = in.readLine()) != null; ) {
                int colon = line.indexOf(':');
                for (int k = 0; colon > 0 && k < keys.length; k++) {
                    if (values[k] < 0 && line.regionMatches(0, keys[k], 0, colon) && keys[k].length() == colon) {
                        values[k] = number(line.substring(colon + 1).trim());
                        found++;
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            Arrays.fill(values, -1);
        }
        return values;
    }

    private static long number(String text) {
        boolean kilobytes = text.endsWith(" kB");
        String digits = kilobytes ? text.substring(0, text.length() - 3).trim() : text;
        try {
            long value = Long.parseLong(digits);
            return kilobytes ? value * 1024 : value;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
