package dev.attune.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * Reads attune-agent.jar's entries: no class that an application class loader could load may be in it,
 * except the tiny bootstrap part and the entry point, and those may refer to JDK types only.
 */
class AgentJarContentsTest {

    private static boolean allowedAtRoot(String entry) {
        return entry.startsWith("dev/attune/bootstrap/")
                || entry.matches("dev/attune/agent/(AttuneAgent|AgentClassLoader)(\\$.*)?\\.class");
    }

    @Test
    void onlyBootstrapAndEntryClassesAreLoadableAndTheRestIsHidden() throws IOException {
        List<String> stray = new ArrayList<>();
        List<String> hidden = new ArrayList<>();
        try (JarFile jar = new JarFile(ForkedJvm.AGENT_JAR)) {
            for (JarEntry e : Collections.list(jar.entries())) {
                String name = e.getName();
                if (name.endsWith(".class") && !allowedAtRoot(name)) {
                    stray.add(name);
                }
                if (name.startsWith("inst/") && name.endsWith(".classdata")) {
                    hidden.add(name);
                }
            }
        }
        assertEquals(List.of(), stray, "classes an application class loader could load");
        for (String bundled : new String[] {"inst/net/bytebuddy/ByteBuddy.classdata",
                "inst/org/agrona/concurrent/ringbuffer/ManyToOneRingBuffer.classdata",
                "inst/org/HdrHistogram/Histogram.classdata", "inst/oshi/SystemInfo.classdata",
                "inst/com/sun/jna/Native.classdata", "inst/org/slf4j/LoggerFactory.classdata",
                "inst/dev/attune/agent/wiring/AgentStarter.classdata",
                "inst/dev/attune/instrumentation/advice/TimingAdvice.classdata",
                "inst/dev/attune/tuner/loop/AgentLoop.classdata",
                "inst/META-INF/versions/24/net/bytebuddy/jar/asmjdkbridge/JdkClassWriter.classdata"}) {
            assertTrue(hidden.contains(bundled), "hidden in the jar: " + bundled);
        }
    }

    @Test
    void nativeLibrariesStayBesideTheirHiddenClasses() throws IOException {
        try (JarFile jar = new JarFile(ForkedJvm.AGENT_JAR)) {
            assertTrue(jar.getJarEntry("inst/com/sun/jna/linux-x86-64/libjnidispatch.so") != null);
            assertTrue(jar.getJarEntry("com/sun/jna/linux-x86-64/libjnidispatch.so") == null,
                    "no JNA resource where the application's JNA would find it");
        }
    }

    @Test
    void manifestDeclaresPremainAttachAndRetransform() throws IOException {
        try (JarFile jar = new JarFile(ForkedJvm.AGENT_JAR)) {
            Attributes main = jar.getManifest().getMainAttributes();
            assertEquals("dev.attune.agent.AttuneAgent", main.getValue("Premain-Class"));
            assertEquals("dev.attune.agent.AttuneAgent", main.getValue("Agent-Class"));
            assertEquals("true", main.getValue("Can-Retransform-Classes"));
        }
    }

    @Test
    void rootClassesReferToJdkTypesOnly() throws IOException {
        List<String> foreign = new ArrayList<>();
        try (JarFile jar = new JarFile(ForkedJvm.AGENT_JAR)) {
            for (JarEntry e : Collections.list(jar.entries())) {
                if (e.getName().endsWith(".class")) {
                    try (InputStream in = jar.getInputStream(e)) {
                        for (String ref : classReferences(in)) {
                            String type = ref.replaceAll("^\\[*L|;$", "");
                            if (!type.startsWith("java/") && !type.startsWith("dev/attune/bootstrap/")
                                    && !type.startsWith("dev/attune/agent/") && !type.startsWith("[")) {
                                foreign.add(e.getName() + " -> " + type);
                            }
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), foreign, "root classes must use JDK types only");
    }

    /**
     * The class names a class file's constant pool refers to (CONSTANT_Class entries).
     * Class file format: magic, version, then the constant pool; see JVMS 4.4.
     */
    static List<String> classReferences(InputStream raw) throws IOException {
        DataInputStream in = new DataInputStream(raw);
        in.readInt();
        in.readUnsignedShort();
        in.readUnsignedShort();
        int count = in.readUnsignedShort();
        String[] utf8 = new String[count];
        List<Integer> classIndexes = new ArrayList<>();
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1: utf8[i] = in.readUTF(); break;
                case 7: classIndexes.add(in.readUnsignedShort()); break;
                case 8: case 16: case 19: case 20: in.readUnsignedShort(); break;
                case 3: case 4: case 9: case 10: case 11: case 12: case 17: case 18: in.readInt(); break;
                case 15: in.readUnsignedByte(); in.readUnsignedShort(); break;
                case 5: case 6: in.readLong(); i++; break;
                default: throw new IOException("unknown constant pool tag " + tag);
            }
        }
        List<String> names = new ArrayList<>();
        for (int index : classIndexes) {
            names.add(utf8[index]);
        }
        return names;
    }
}
