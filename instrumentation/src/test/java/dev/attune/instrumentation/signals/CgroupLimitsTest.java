package dev.attune.instrumentation.signals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** cgroup v1 and v2 fixtures in temp directories laid out as the kernel does. */
class CgroupLimitsTest {

    @TempDir
    Path root;

    @Test
    void v2QuotaAndLimit() throws IOException {
        write("cgroup.controllers", "cpuset cpu io memory pids");
        write("cpu.max", "200000 100000");
        write("memory.max", "1073741824");
        CgroupLimits limits = CgroupLimits.read(root, write("self", "0::/\n"));
        assertEquals("v2", limits.version());
        assertEquals(OptionalDouble.of(2.0), limits.cpuQuotaCores());
        assertEquals(OptionalLong.of(1L << 30), limits.memoryLimitBytes());
    }

    @Test
    void v2MaxMeansNoLimit() throws IOException {
        write("cgroup.controllers", "cpu memory");
        write("cpu.max", "max 100000");
        write("memory.max", "max");
        CgroupLimits limits = CgroupLimits.read(root, write("self", "0::/\n"));
        assertEquals("v2", limits.version());
        assertFalse(limits.cpuQuotaCores().isPresent());
        assertFalse(limits.memoryLimitBytes().isPresent());
    }

    @Test
    void v2GroupOnAHostIsReadWithItsParentsAndTheSmallerLimitWins() throws IOException {
        write("cgroup.controllers", "cpu memory");
        write("system.slice/cgroup.controllers", "cpu memory");
        write("system.slice/memory.max", "2147483648");
        write("system.slice/app.service/cpu.max", "50000 100000");
        write("system.slice/app.service/memory.max", "4294967296");
        CgroupLimits limits = CgroupLimits.read(root, write("self", "0::/system.slice/app.service\n"));
        assertEquals(OptionalDouble.of(0.5), limits.cpuQuotaCores());
        assertEquals(OptionalLong.of(2L << 30), limits.memoryLimitBytes());
    }

    @Test
    void v2PathNotVisibleInsideTheContainerReadsTheMount() throws IOException {
        write("cgroup.controllers", "cpu memory");
        write("cpu.max", "100000 100000");
        CgroupLimits limits = CgroupLimits.read(root, write("self", "0::/kubepods/pod1/abc\n"));
        assertEquals(OptionalDouble.of(1.0), limits.cpuQuotaCores());
    }

    @Test
    void v1QuotaAndLimit() throws IOException {
        write("cpu,cpuacct/cpu.cfs_quota_us", "150000");
        write("cpu,cpuacct/cpu.cfs_period_us", "100000");
        write("memory/memory.limit_in_bytes", "536870912");
        Path self = write("self", "12:memory:/docker/abc\n4:cpu,cpuacct:/docker/abc\n0::/system.slice/docker.service\n");
        CgroupLimits limits = CgroupLimits.read(root, self);
        assertEquals("v1", limits.version());
        assertEquals(OptionalDouble.of(1.5), limits.cpuQuotaCores());
        assertEquals(OptionalLong.of(512L << 20), limits.memoryLimitBytes());
    }

    @Test
    void v1UnlimitedValuesMeanNoLimit() throws IOException {
        write("cpu/cpu.cfs_quota_us", "-1");
        write("cpu/cpu.cfs_period_us", "100000");
        write("memory/memory.limit_in_bytes", "9223372036854771712");
        CgroupLimits limits = CgroupLimits.read(root, write("self", "4:memory:/\n3:cpu:/\n"));
        assertEquals("v1", limits.version());
        assertFalse(limits.cpuQuotaCores().isPresent());
        assertFalse(limits.memoryLimitBytes().isPresent());
    }

    @Test
    void v1NestedGroupReadsTheGroup() throws IOException {
        write("memory/memory.limit_in_bytes", "9223372036854771712");
        write("memory/app/memory.limit_in_bytes", "268435456");
        CgroupLimits limits = CgroupLimits.read(root, write("self", "4:memory:/app\n"));
        assertEquals(OptionalLong.of(256L << 20), limits.memoryLimitBytes());
        assertFalse(limits.cpuQuotaCores().isPresent(), "no cpu hierarchy mounted");
    }

    @Test
    void missingFilesMeanNoLimits() throws IOException {
        CgroupLimits nothing = CgroupLimits.read(root, root.resolve("no-such-file"));
        assertEquals("none", nothing.version());
        assertFalse(nothing.cpuQuotaCores().isPresent());
        assertFalse(nothing.memoryLimitBytes().isPresent());

        write("cgroup.controllers", "");
        CgroupLimits bareV2 = CgroupLimits.read(root, root.resolve("no-such-file"));
        assertEquals("v2", bareV2.version());
        assertFalse(bareV2.cpuQuotaCores().isPresent());
        assertFalse(bareV2.memoryLimitBytes().isPresent());
    }

    @Test
    void unparsableValuesMeanNoLimit() throws IOException {
        write("cgroup.controllers", "cpu memory");
        write("cpu.max", "garbage");
        write("memory.max", "12abc");
        CgroupLimits limits = CgroupLimits.read(root, write("self", "0::/\n"));
        assertFalse(limits.cpuQuotaCores().isPresent());
        assertFalse(limits.memoryLimitBytes().isPresent());
    }

    private Path write(String relative, String content) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }
}
