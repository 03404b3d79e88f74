package dev.attune.instrumentation.match;

import java.util.List;

/**
 * The JDK packages whose classes are never timed, whatever the patterns say.
 *
 * <p>Why: the agent's own code runs through them. The timed path (the exit advice, the sink, the ring buffers)
 * uses {@code java.lang}, the atomics and locks of {@code java.util.concurrent}, {@code jdk.internal} and
 * {@code sun.misc}; timing any of those makes every timed exit call timed code again, without end. The agent
 * thread and the shutdown hook use collections, I/O, text and time formatting, JMX and JFR on every cycle;
 * timing those would make the agent record its own work, each event it reads making new ones. The class
 * loader that defines the agent's classes uses {@code java.net}, {@code java.security} and
 * {@code java.util.jar}.
 */
public final class UntimedPackages {

    // Prefixes end with a dot, so that a package that merely shares a prefix (java.utilities) stays timeable.
    private static final List<String> PREFIXES = List.of(
            "java.lang.", "java.util.", "java.io.", "java.nio.", "java.net.", "java.security.", "java.text.",
            "java.time.", "javax.management.", "jdk.", "sun.", "com.sun.");

    private UntimedPackages() {
    }

    /** True when the class of this binary name is never timed. */
    public static boolean contains(String binaryName) {
        for (String prefix : PREFIXES) {
            if (binaryName.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** The packages, for messages: {@code java.lang, java.util, ...} (each with its subpackages). */
    public static String names() {
        StringBuilder names = new StringBuilder();
        for (String prefix : PREFIXES) {
            names.append(names.length() == 0 ? "" : ", ").append(prefix, 0, prefix.length() - 1);
        }
        return names.toString();
    }

    /**
     * True when every class a type part without {@code +} can name is never timed: when the fixed text before its
     * first wildcard already lies inside one of the packages.
     */
    static boolean containsAllOf(String typeName, boolean subpackages) {
        String fixed = subpackages ? typeName + "." : typeName;
        int wildcard = indexOfWildcard(fixed);
        return contains(wildcard < 0 ? fixed : fixed.substring(0, wildcard));
    }

    private static int indexOfWildcard(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '*' || text.charAt(i) == '?') {
                return i;
            }
        }
        return -1;
    }
}
