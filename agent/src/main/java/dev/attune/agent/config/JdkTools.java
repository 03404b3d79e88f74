package dev.attune.agent.config;

/**
 * Tells a JDK tool from an application, by the JVM's {@code sun.java.command}.
 *
 * <p>Why: {@code JAVA_TOOL_OPTIONS=-javaagent:...} reaches every JVM the user starts, {@code jcmd},
 * {@code jps} and {@code javac} included; the agent must stay out of those. JDK tools run a main class
 * in a JDK module ({@code jdk.jcmd/sun.tools.jcmd.JCmd}) or, on older launchers, a JDK-internal class.
 */
public final class JdkTools {

    private static final String[] TOOL_CLASS_PREFIXES = {
        "sun.tools.", "com.sun.tools.", "jdk.internal.", "sun.security.tools.", "jdk.jfr.internal.tool.",
        "sun.rmi.", "jdk.jshell."
    };

    private JdkTools() {
    }

    /** True when {@code sunJavaCommand} names a JDK tool rather than an application. */
    public static boolean isJdkTool(String sunJavaCommand) {
        if (sunJavaCommand == null || sunJavaCommand.isBlank()) {
            return false;
        }
        String main = sunJavaCommand.trim().split("\\s+", 2)[0];
        int slash = main.indexOf('/');
        if (slash > 0 && !main.contains("\\") && !main.endsWith(".jar")) {
            String module = main.substring(0, slash);
            if (module.startsWith("jdk.") || module.startsWith("java.")) {
                return true;
            }
            main = main.substring(slash + 1);
        }
        for (String prefix : TOOL_CLASS_PREFIXES) {
            if (main.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
