package dev.attune.agent;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * The isolated class loader of everything the agent bundles. JDK types only.
 *
 * <p>Classes are stored under {@code inst/} in the agent jar with the extension {@code .classdata}, so no
 * application class loader (the agent jar is on the system class path, and on the bootstrap path) can
 * ever load them; only this loader reads them, and it hides them from everyone but the agent. Its
 * parent is the platform loader: the JDK, plus the agent's bootstrap classes appended to the bootstrap
 * path, are visible; the application's classes are not.
 *
 * <p>Multi-release: {@code inst/META-INF/versions/N/} entries are preferred from the running feature
 * version down to 9, as a multi-release jar would be read (Byte Buddy ships JDK 24 classes there).
 */
final class AgentClassLoader extends ClassLoader {

    static final String PREFIX = "inst/";
    static final String CLASS_SUFFIX = ".classdata";

    static {
        registerAsParallelCapable();
    }

    private final JarFile jar;
    private final String jarUrl;
    private final ProtectionDomain protectionDomain;
    private final int[] versions;

    AgentClassLoader(File jarFile, ClassLoader parent) throws IOException {
        super("attune", parent);
        this.jar = new JarFile(jarFile, false);
        this.jarUrl = "jar:" + jarFile.toURI() + "!/";
        this.protectionDomain = new ProtectionDomain(
                new CodeSource(jarFile.toURI().toURL(), (Certificate[]) null), null, this, null);
        this.versions = versionsPresent(jar, Runtime.version().feature());
    }

    // The versioned folders this jar has, newest first, up to the running version: usually one or two.
    private static int[] versionsPresent(JarFile jar, int feature) {
        List<Integer> found = new ArrayList<>();
        for (int v = feature; v >= 9; v--) {
            if (jar.getJarEntry(PREFIX + "META-INF/versions/" + v + "/") != null) {
                found.add(v);
            }
        }
        return found.stream().mapToInt(Integer::intValue).toArray();
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        String path = name.replace('.', '/');
        JarEntry entry = entry(path + CLASS_SUFFIX);
        if (entry == null) {
            throw new ClassNotFoundException(name);
        }
        byte[] bytes;
        try (InputStream in = jar.getInputStream(entry)) {
            bytes = readAll(in);
        } catch (IOException e) {
            throw new ClassNotFoundException(name, e);
        }
        int dot = name.lastIndexOf('.');
        if (dot > 0) {
            String pkg = name.substring(0, dot);
            if (getDefinedPackage(pkg) == null) {
                try {
                    definePackage(pkg, null, null, null, null, null, null, null);
                } catch (IllegalArgumentException e) {
                    // defined concurrently by another thread: fine
                }
            }
        }
        return defineClass(name, bytes, 0, bytes.length, protectionDomain);
    }

    @Override
    protected URL findResource(String name) {
        JarEntry entry = entry(resourcePath(name));
        return entry == null ? null : url(entry.getName());
    }

    @Override
    protected Enumeration<URL> findResources(String name) {
        URL url = findResource(name);
        List<URL> urls = new ArrayList<>(1);
        if (url != null) {
            urls.add(url);
        }
        return Collections.enumeration(urls);
    }

    // Byte Buddy reads advice bytecode as "x/Y.class" resources: serve the hidden .classdata entry.
    private static String resourcePath(String name) {
        return name.endsWith(".class") ? name.substring(0, name.length() - ".class".length()) + CLASS_SUFFIX : name;
    }

    private JarEntry entry(String path) {
        for (int v : versions) {
            JarEntry versioned = jar.getJarEntry(PREFIX + "META-INF/versions/" + v + "/" + path);
            if (versioned != null) {
                return versioned;
            }
        }
        return jar.getJarEntry(PREFIX + path);
    }

    private URL url(String entryName) {
        try {
            return new URL(jarUrl + entryName);
        } catch (MalformedURLException e) {
            return null;
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        byte[] buffer = new byte[8192];
        for (int n; (n = in.read(buffer)) > 0; ) {
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }
}
