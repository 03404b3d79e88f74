package dev.attune.agent.wiring;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.security.ProtectionDomain;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Makes the bootstrap classes ({@code dev.attune.bootstrap}) visible from every class loader.
 *
 * <p>Why not {@code Instrumentation.appendToBootstrapClassLoaderSearch}: on JDK 17 with class data
 * sharing on (the default) appending to the boot path makes the JVM print "Sharing is only supported for
 * boot loader classes because bootstrap classpath has been appended". The agent defines its few bootstrap
 * classes straight into the boot loader instead, through {@code jdk.internal.misc.Unsafe.defineClass}
 * with a null loader; the package was exported to the agent just before. A class can only be defined
 * once its supertypes exist, so they are defined in rounds until none is left. If that way is closed
 * (a future JDK), appending is the fallback: it works everywhere, at the cost of that one warning.
 */
final class BootstrapInjection {

    static final String PACKAGE_PATH = "dev/attune/bootstrap/";

    private BootstrapInjection() {
    }

    /** Defines the bootstrap classes in the boot loader; returns how: {@code defined}, {@code present} or {@code appended}. */
    static String inject(Instrumentation instrumentation, File agentJar) throws IOException {
        try (JarFile jar = new JarFile(agentJar, false)) {
            Map<String, byte[]> pending = readClasses(jar);
            if (pending.isEmpty()) {
                throw new IOException("no " + PACKAGE_PATH + " classes in " + agentJar);
            }
            if (alreadyInBootLoader(pending.keySet().iterator().next())) {
                return "present"; // a second start in this JVM
            }
            try {
                defineAll(pending);
                return "defined";
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                instrumentation.appendToBootstrapClassLoaderSearch(new JarFile(agentJar, false));
                return "appended";
            }
        }
    }

    private static Map<String, byte[]> readClasses(JarFile jar) throws IOException {
        Map<String, byte[]> classes = new LinkedHashMap<>();
        for (JarEntry entry : Collections.list(jar.entries())) {
            String name = entry.getName();
            if (name.startsWith(PACKAGE_PATH) && name.endsWith(".class")) {
                try (InputStream in = jar.getInputStream(entry)) {
                    classes.put(name.substring(0, name.length() - ".class".length()).replace('/', '.'), in.readAllBytes());
                }
            }
        }
        return classes;
    }

    private static boolean alreadyInBootLoader(String className) {
        try {
            Class.forName(className, false, null);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static void defineAll(Map<String, byte[]> pending) throws ReflectiveOperationException {
        Class<?> unsafeType = Class.forName("jdk.internal.misc.Unsafe");
        Object unsafe = unsafeType.getMethod("getUnsafe").invoke(null);
        Method define = unsafeType.getMethod("defineClass", String.class, byte[].class, int.class, int.class,
                ClassLoader.class, ProtectionDomain.class);
        while (!pending.isEmpty()) {
            int before = pending.size();
            LinkageError last = null;
            for (var it = pending.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<String, byte[]> e = it.next();
                try {
                    define.invoke(unsafe, e.getKey(), e.getValue(), 0, e.getValue().length, null, null);
                    it.remove();
                } catch (InvocationTargetException ex) {
                    if (!(ex.getCause() instanceof NoClassDefFoundError)) {
                        throw ex;
                    }
                    last = (NoClassDefFoundError) ex.getCause(); // a supertype is not defined yet: next round
                }
            }
            if (pending.size() == before) {
                if (last != null) {
                    throw last;
                }
                throw new IllegalStateException("cannot define " + pending.keySet());
            }
        }
    }
}
