package io.theriseunion.imagegateway.app.credentials;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A new file that only the gateway's user can read, from its first byte: the credential key, the generated admin
 * token. Never replaces a file that exists (a FileAlreadyExistsException says so).
 */
public final class OwnerOnlyFile {

    private OwnerOnlyFile() {
    }

    public static void create(Path file, byte[] content) throws IOException {
        boolean posix = file.getFileSystem().supportedFileAttributeViews().contains("posix");
        FileAttribute<?>[] ownerOnly = posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
        Files.write(Files.createFile(file, ownerOnly), content);
        if (!posix) {
            file.toFile().setReadable(false, false);
            file.toFile().setReadable(true, true);
            file.toFile().setWritable(false, false);
            file.toFile().setWritable(true, true);
        }
    }
}
