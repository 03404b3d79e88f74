package dev.attune.instrumentation.match;

/**
 * One method pattern, {@code <type-pattern>#<method-pattern>}, e.g. {@code com.acme.repo.*#find*}.
 *
 * <p>Glob compilation, done once here at parse time (see {@link Glob}): in the type part {@code *} becomes
 * {@code [^.]*} and {@code ?} becomes {@code [^.]}, so neither crosses a package dot but both may match the
 * {@code $} of a nested class; a trailing {@code ..*} appends {@code \..+}, the package itself and any
 * subpackage below it, but never a sibling that merely shares the prefix ({@code apix} for {@code api}).
 * A trailing {@code +} compiles no glob at all: "this type or any subtype" is a question about the type
 * hierarchy, which {@link MethodSelection} asks Byte Buddy. In the method part {@code *} and {@code ?}
 * become {@code .*} and {@code .}; method names hold no dots, so there is nothing to fence off.
 */
public final class MethodPattern {

    // Shown after every error, so a user who got the syntax wrong sees the right one without the docs.
    private static final String EXPECTED = "; expected <type>#<method>, e.g. com.acme.OrderService#place,"
            + " com.acme.repo.*#find*, com.acme.api..*#*, com.acme.Repository+#find*";

    private final String text;
    private final Glob typeName;    // null for a '+' pattern
    private final String supertype; // null unless a '+' pattern
    private final Glob methodName;

    private MethodPattern(String text, Glob typeName, String supertype, Glob methodName) {
        this.text = text;
        this.typeName = typeName;
        this.supertype = supertype;
        this.methodName = methodName;
    }

    /** Parses {@code text}; never throws: bad input gives an error saying what is wrong and what is expected. */
    public static Parsed parse(String text) {
        if (text == null || text.isBlank()) {
            return error("empty pattern");
        }
        String t = text.trim();
        int hash = t.indexOf('#');
        if (hash < 0) {
            return error("missing '#' between type and method in \"" + t + "\"");
        }
        if (t.indexOf('#', hash + 1) >= 0) {
            return error("more than one '#' in \"" + t + "\"");
        }
        String type = t.substring(0, hash);
        String method = t.substring(hash + 1);
        if (type.isEmpty()) {
            return error("empty type part before '#' in \"" + t + "\"");
        }
        if (method.isEmpty()) {
            return error("empty method part after '#' in \"" + t + "\"");
        }
        String problem = checkMethod(method);
        if (problem == null) {
            problem = checkType(type);
        }
        if (problem != null) {
            return error(problem);
        }
        Glob methodGlob = Glob.compile(method, ".*", ".", "");
        if (type.endsWith("+")) {
            return ok(new MethodPattern(t, null, type.substring(0, type.length() - 1), methodGlob));
        }
        boolean subpackages = type.endsWith("..*");
        String name = subpackages ? type.substring(0, type.length() - 3) : type;
        if (UntimedPackages.containsAllOf(name, subpackages)) {
            // Not a syntax error: no "expected" help, which would suggest the pattern is only mistyped.
            return new Parsed(null, "every class \"" + type + "\" can name is in a JDK package the agent itself"
                    + " runs on, never timed (" + UntimedPackages.names() + ", and their subpackages)");
        }
        return ok(new MethodPattern(t, Glob.compile(name, "[^.]*", "[^.]", subpackages ? "\\..+" : ""),
                null, methodGlob));
    }

    private static String checkMethod(String method) {
        for (int i = 0; i < method.length(); i++) {
            char c = method.charAt(i);
            if (!isNameChar(c) && c != '*' && c != '?') {
                return "illegal character '" + c + "' in method part \"" + method
                        + "\" (allowed: Java identifier characters, '*', '?')";
            }
        }
        return null;
    }

    /** Checks the whole type part, suffix included; null when valid. */
    private static String checkType(String type) {
        String name = type;
        if (type.endsWith("+")) {
            name = type.substring(0, type.length() - 1);
            // The subtype walk starts from one named type; a wildcard would make it a walk per candidate.
            if (name.indexOf('*') >= 0 || name.indexOf('?') >= 0 || name.indexOf('+') >= 0) {
                return "'+' (a type and its subtypes) needs an exact type name, without '*', '?', '..*' or"
                        + " another '+', in \"" + type + "\"";
            }
        } else if (type.endsWith("..*")) {
            name = type.substring(0, type.length() - 3);
        }
        if (name.isEmpty()) {
            return "empty type name in \"" + type + "\"";
        }
        if (name.startsWith(".") || name.endsWith(".")) {
            return "type name \"" + name + "\" starts or ends with '.'";
        }
        if (name.contains("..")) {
            return "empty package segment in \"" + type
                    + "\": '..' is only allowed at the end, as '..*' (a package and its subpackages)";
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!isNameChar(c) && c != '.' && c != '*' && c != '?') {
                return "illegal character '" + c + "' in type part \"" + type
                        + "\" (allowed: Java identifier characters, '.', '$', '*', '?', a trailing '..*' or '+')";
            }
        }
        return null;
    }

    // isJavaIdentifierPart also admits ignorable control characters, which no class file name would hold.
    private static boolean isNameChar(char c) {
        return Character.isJavaIdentifierPart(c) && !Character.isIdentifierIgnorable(c);
    }

    private static Parsed ok(MethodPattern pattern) {
        return new Parsed(pattern, null);
    }

    private static Parsed error(String problem) {
        return new Parsed(null, problem + EXPECTED);
    }

    /** The pattern as written, trimmed, for display. */
    public String text() {
        return text;
    }

    /** The exact type whose subtypes match, for a {@code +} pattern; null otherwise. */
    String supertype() {
        return supertype;
    }

    /** True when a type with this binary name matches the type part (never for {@code +} patterns). */
    boolean matchesTypeName(String binaryName) {
        return typeName != null && typeName.matches(binaryName);
    }

    /** True when a method with this name matches the method part. */
    boolean matchesMethodName(String name) {
        return methodName.matches(name);
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
