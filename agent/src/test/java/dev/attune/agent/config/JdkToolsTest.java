package dev.attune.agent.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class JdkToolsTest {

    @Test
    void jdkToolsAreRecognised() {
        String[] tools = {
                "jdk.jcmd/sun.tools.jcmd.JCmd -l",
                "jdk.jcmd/sun.tools.jps.Jps",
                "jdk.jcmd/sun.tools.jstack.JStack 123",
                "jdk.compiler/com.sun.tools.javac.Main -version",
                "jdk.jartool/sun.tools.jar.Main --version",
                "jdk.jfr/jdk.jfr.internal.tool.Main summary x.jfr",
                "jdk.jshell/jdk.internal.jshell.tool.JShellToolProvider",
                "java.base/sun.security.tools.keytool.Main -list",
                "sun.tools.jconsole.JConsole",
                "com.sun.tools.javac.Main",
        };
        for (String tool : tools) {
            assertTrue(JdkTools.isJdkTool(tool), tool);
        }
    }

    @Test
    void applicationsAreNot() {
        String[] apps = {null, "", "  ", "com.acme.Main", "app.jar", "/opt/app/app.jar --port 8080",
                "build/libs/app.jar", "org.springframework.boot.loader.JarLauncher", "dev.attune.sample.SampleApp demo",
                "com.acme/com.acme.Main", "jdkfoo.Main", "javax.Main"};
        for (String app : apps) {
            assertFalse(JdkTools.isJdkTool(app), String.valueOf(app));
        }
    }
}
