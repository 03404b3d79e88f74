package dev.attune.tuner.report.jfr;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Set;

/**
 * The snapshot directory made safe to write to on a shared machine: the default, {@code <java.io.tmpdir>/attune-jfr},
 * is a name every user of the machine can take first. Created owner-only (0700); an existing one is used only
 * when it is a real directory (not a symbolic link) of this user that neither group nor others may write, since
 * whoever can write to it can plant links or read what is written. File systems without POSIX attributes are used
 * as they are.
 */
final class SnapshotDirectory {

    static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");

    private SnapshotDirectory() {
    }

    /** Creates {@code dir} when missing and checks it; null when it is safe to use, else why not. Never throws. */
    static String prepare(Path dir) {
        try {
            boolean posix = posix(dir);
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                Path parent = dir.getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                try {
                    if (posix) {
                        Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR));
                    } else {
                        Files.createDirectory(dir);
                    }
                } catch (FileAlreadyExistsException e) {
                    // another JVM made it first, or something else is there: the checks below decide
                }
            }
            return posix ? unsafe(dir) : null;
        } catch (IOException | RuntimeException e) {
            return e.toString();
        }
    }

    private static boolean posix(Path dir) {
        return dir.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /** Why {@code dir} is not safe to write to, or null when it is. */
    private static String unsafe(Path dir) throws IOException {
        PosixFileAttributes attributes =
                Files.readAttributes(dir, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (attributes.isSymbolicLink()) {
            return "it is a symbolic link";
        }
        if (!attributes.isDirectory()) {
            return "it is not a directory";
        }
        UserPrincipal me = currentUser(dir);
        if (me == null || !me.equals(attributes.owner())) {
            return "it is owned by " + attributes.owner().getName() + ", not by this process's user";
        }
        Set<PosixFilePermission> permissions = attributes.permissions();
        if (permissions.contains(PosixFilePermission.GROUP_WRITE)
                || permissions.contains(PosixFilePermission.OTHERS_WRITE)) {
            return "group or others may write to it (" + PosixFilePermissions.toString(permissions) + ")";
        }
        return null;
    }

    /** This process's user: by name, or (a container user without a name) the owner of {@code /proc/self}. */
    private static UserPrincipal currentUser(Path dir) {
        try {
            return dir.getFileSystem().getUserPrincipalLookupService()
                    .lookupPrincipalByName(System.getProperty("user.name"));
        } catch (IOException | RuntimeException e) {
            try {
                return Files.getOwner(Path.of("/proc/self"));
            } catch (IOException | RuntimeException notLinux) {
                return null;
            }
        }
    }
}
