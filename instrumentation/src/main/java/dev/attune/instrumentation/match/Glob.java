package dev.attune.instrumentation.match;

import java.util.regex.Pattern;

/**
 * A name glob, compiled once when its pattern is parsed.
 *
 * <p>Compilation: each run of literal characters is {@link Pattern#quote quoted}, so the {@code $} of a
 * nested class or any other regex metacharacter stands for itself; {@code *} and {@code ?} become the
 * regex fragments the caller passes, because their reach differs by part (a type's {@code *} must not
 * cross a package dot, a method's need not care). The literal text before the first wildcard is kept
 * apart: most names the agent sees are rejected by {@code startsWith} before the regex runs, and a glob
 * without wildcards needs no regex at all. Matching therefore never compiles anything.
 */
final class Glob {

    private final String prefix;
    private final Pattern regex; // null when the glob is a plain name: equality decides

    private Glob(String prefix, Pattern regex) {
        this.prefix = prefix;
        this.regex = regex;
    }

    /**
     * Compiles {@code glob}, with {@code star} and {@code question} as the regex for {@code *} and
     * {@code ?}, followed by {@code tail} (a raw regex, empty for none).
     */
    static Glob compile(String glob, String star, String question, String tail) {
        int wildcard = firstWildcard(glob);
        if (wildcard < 0 && tail.isEmpty()) {
            return new Glob(glob, null);
        }
        StringBuilder regex = new StringBuilder();
        int literalStart = 0;
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' || c == '?') {
                appendLiteral(regex, glob, literalStart, i);
                regex.append(c == '*' ? star : question);
                literalStart = i + 1;
            }
        }
        appendLiteral(regex, glob, literalStart, glob.length());
        regex.append(tail);
        return new Glob(wildcard < 0 ? glob : glob.substring(0, wildcard), Pattern.compile(regex.toString()));
    }

    private static void appendLiteral(StringBuilder regex, String glob, int from, int to) {
        if (from < to) {
            regex.append(Pattern.quote(glob.substring(from, to)));
        }
    }

    private static int firstWildcard(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '*' || c == '?') {
                return i;
            }
        }
        return -1;
    }

    /** True when {@code name} matches the whole glob. */
    boolean matches(String name) {
        if (regex == null) {
            return name.equals(prefix);
        }
        return name.startsWith(prefix) && regex.matcher(name).matches();
    }
}
