package dev.attune.instrumentation.signals;

import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * Decides whether the agent may load JNA's native library without the JDK printing on the application's
 * standard error.
 *
 * <p>Why: from JDK 24 (JEP 472) loading a native library from a module without native access prints a
 * four-line warning to {@code System.err}, or throws under {@code --illegal-native-access=deny}. The agent's
 * classes live in an unnamed module, and all unnamed modules share one native-access flag, so the agent
 * will not set that flag itself: that would change the application's own native access. It loads JNA
 * only when the user allowed it ({@code --enable-native-access=ALL-UNNAMED} or
 * {@code --illegal-native-access=allow}), or the JDK has already warned for unnamed modules; otherwise
 * the JDK's counters serve, after one problem that says which flag to add.
 */
final class NativeAccessGate {

    /** Thrown instead of loading JNA; its message is the whole explanation. */
    static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Refused(String reason) {
            super(reason, null, false, false);
        }
    }

    private NativeAccessGate() {
    }

    /** Throws {@link Refused} when loading a native library from {@code module} would not be silent here. */
    static void check(Module module) {
        String refusal = refusal(Runtime.version().feature(), nativeAccessEnabled(module), jvmArguments());
        if (refusal != null) {
            throw new Refused(refusal);
        }
    }

    /** Why a native library may not be loaded, or null when it may. */
    static String refusal(int feature, boolean nativeAccessEnabled, List<String> jvmArguments) {
        if (feature < 24 || nativeAccessEnabled || jvmArguments.contains("--illegal-native-access=allow")) {
            return null;
        }
        return "native access is not enabled for unnamed modules, and on JDK " + feature + " loading JNA would "
                + "print a warning on the application's standard error; add --enable-native-access=ALL-UNNAMED "
                + "to use OSHI";
    }

    // Module.isNativeAccessEnabled() is JDK 22+, and this is compiled for 17.
    private static boolean nativeAccessEnabled(Module module) {
        try {
            return (Boolean) Module.class.getMethod("isNativeAccessEnabled").invoke(module);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }

    private static List<String> jvmArguments() {
        try {
            return ManagementFactory.getRuntimeMXBean().getInputArguments();
        } catch (RuntimeException | LinkageError e) {
            return List.of();
        }
    }
}
