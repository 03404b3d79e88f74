package dev.attune.instrumentation.match;

import java.util.regex.Pattern;

/**
 * One method pattern, {@code <type-pattern>#<method-pattern>}, e.g. {@code com.acme.repo.*#find*}.
 *
 * <p>Glob compilation, done once at parse time: in the type part {@code *} becomes {@code [^.]*} and
 * {@code ?} becomes {@code [^.]} (neither crosses a package dot, both may match the {@code $} of a nested
 * class); a trailing {@code ..*} matches the package and its subpackages; a trailing {@code +} means the
 * named type or any subtype, decided by Byte Buddy on the type hierarchy instead of by name. In the
 * method part {@code *} and {@code ?} match any characters. The literal text before the first wildcard is
 * kept as a prefix, so most class names are rejected by {@code startsWith} before any regex runs.
 */
public final class MethodPattern {

    private final String text;
    private final String typePrefix;
    private final Pattern typeRegex;
    private final String supertype;
    private final Pattern methodRegex;

    private MethodPattern(String text, String typePrefix, Pattern typeRegex, String supertype, Pattern methodRegex) {
        this.text = text;
        this.typePrefix = typePrefix;
        this.typeRegex = typeRegex;
        this.supertype = supertype;
        this.methodRegex = methodRegex;
    }

    /** Parses {@code text}; never throws: bad input gives an error saying what is wrong and what is expected. */
    public static Parsed parse(String text) {
        if (text == null || text.isBlank()) {
            return error("empty pattern");
        }
        String t = text.trim();
        int hash = t.indexOf('#');
        if (hash < 0) {
            return error("missing '#' between type and method");
        }
        if (t.indexOf('#', hash + 1) >= 0) {
            return error("more than one '#'");
        }
        String type = t.substring(0, hash);
        String method = t.substring(hash + 1);
        if (type.isEmpty()) {
            return error("empty type part before '#'");
        }
        if (method.isEmpty()) {
            return error("empty method part after '#'");
        }
        for (int i = 0; i < method.length(); i++) {
            char c = method.charAt(i);
            if (!Character.isJavaIdentifierPart(c) && c != '*' && c != '?') {
                return error("illegal character '" + c + "' in method part \"" + method + "\"");
            }
        }
        Pattern methodRegex = Pattern.compile(glob(method, ".", "."));

        if (type.endsWith("+")) {
            String name = type.substring(0, type.length() - 1);
            if (name.contains("*") || name.contains("?") || name.contains("+")) {
                return error("'+' (type and its subtypes) takes an exact type name, without wildcards");
            }
            String problem = checkTypeName(name);
            return problem != null ? error(problem) : ok(new MethodPattern(t, null, null, name, methodRegex));
        }
        boolean subpackages = type.endsWith("..*");
        String name = subpackages ? type.substring(0, type.length() - 3) : type;
        String problem = checkTypeName(name);
        if (problem != null) {
            return error(problem);
        }
        String regex = glob(name, "[^.]*", "[^.]") + (subpackages ? "\\..+" : "");
        int wildcard = firstWildcard(name);
        String prefix = wildcard < 0 ? name : name.substring(0, wildcard);
        return ok(new MethodPattern(t, prefix, Pattern.compile(regex), null, methodRegex));
    }

    private static String checkTypeName(String name) {
        if (name.isEmpty()) {
            return "empty type name";
        }
        if (name.contains("..")) {
            return "'..' is only allowed at the end, as '..*' (a package and its subpackages)";
        }
        if (name.startsWith(".") || name.endsWith(".")) {
            return "type name \"" + name + "\" starts or ends with '.'";
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!Character.isJavaIdentifierPart(c) && c != '.' && c != '*' && c != '?') {
                return "illegal character '" + c + "' in type part \"" + name + "\"";
            }
        }
        return null;
    }

    private static int firstWildcard(String s) {
        int star = s.indexOf('*');
        int question = s.indexOf('?');
        return star < 0 ? question : question < 0 ? star : Math.min(star, question);
    }

    private static String glob(String glob, String star, String question) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' || c == '?') {
                if (literal.length() > 0) {
                    regex.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                regex.append(c == '*' ? star + (star.equals(".") ? "*" : "") : question);
            } else {
                literal.append(c);
            }
        }
        if (literal.length() > 0) {
            regex.append(Pattern.quote(literal.toString()));
        }
        return regex.toString();
    }

    private static Parsed ok(MethodPattern pattern) {
        return new Parsed(pattern, null);
    }

    private static Parsed error(String problem) {
        return new Parsed(null, problem + "; expected <type>#<method>, e.g. com.acme.OrderService#place,"
                + " com.acme.repo.*#find*, com.acme.api..*#*, com.acme.Repository+#find*");
    }

    /** The pattern as written (trimmed). */
    public String text() {
        return text;
    }

    /** The exact type whose subtypes match, for a {@code +} pattern; null otherwise. */
    String supertype() {
        return supertype;
    }

    /** True when a type with this binary name matches the type part (never for {@code +} patterns). */
    boolean matchesTypeName(String typeName) {
        return typeRegex != null && typeName.startsWith(typePrefix) && typeRegex.matcher(typeName).matches();
    }

    /** True when a method with this name matches the method part. */
    boolean matchesMethodName(String methodName) {
        return methodRegex.matcher(methodName).matches();
    }

    @Override
    public String toString() {
        return text;
    }

    /** The result of {@link #parse}: a pattern, or an error. */
    public static final class Parsed {
        private final MethodPattern pattern;
        private final String error;

        private Parsed(MethodPattern pattern, String error) {
            this.pattern = pattern;
            this.error = error;
        }

        /** The pattern, or null on error. */
        public MethodPattern pattern() {
            return pattern;
        }

        /** What is wrong and what is expected, or null when parsed. */
        public String error() {
            return error;
        }
    }
}
