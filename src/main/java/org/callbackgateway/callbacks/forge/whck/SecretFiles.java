package org.callbackgateway.callbacks.forge.whck;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * Reads one secret file: a regular file that only its owner may read or write (as ssh demands of private keys),
 * holding the secret, with one trailing line end ignored so that {@code echo secret > file} works.
 */
public final class SecretFiles {
    /** Far more than any forge secret; a bigger file is not a secret file. */
    static final int MAX_BYTES = 64 * 1024;
    private static final Set<PosixFilePermission> SHARED = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);

    private SecretFiles() {
    }

    /**
     * The secret in {@code file}.
     *
     * @throws WhckException {@link WhckExit#UNKNOWN_IDENTIFIER} when there is no such file,
     *         {@link WhckExit#UNUSABLE_SECRET} when it is refused or cannot be read
     */
    public static byte[] read(Path file) {
        PosixFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, PosixFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new WhckException(WhckExit.UNKNOWN_IDENTIFIER, "no secret for " + file.getFileName()
                    + " in " + file.getParent());
        } catch (IOException | UnsupportedOperationException e) {
            throw unusable(file, "cannot be inspected (" + e.getClass().getSimpleName() + ")", e);
        }
        if (!attributes.isRegularFile()) {
            throw unusable(file, "is not a regular file", null);
        }
        if (!Collections.disjoint(attributes.permissions(), SHARED)) {
            throw unusable(file, "can be read or written by other users (mode "
                    + mode(attributes.permissions()) + "); make it chmod 600", null);
        }
        if (attributes.size() > MAX_BYTES) {
            throw unusable(file, "is larger than " + MAX_BYTES + " bytes", null);
        }
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (AccessDeniedException e) {
            throw unusable(file, "cannot be read by this user", e);
        } catch (IOException e) {
            throw unusable(file, "cannot be read (" + e.getClass().getSimpleName() + ")", e);
        }
        byte[] secret = withoutLineEnd(content);
        if (secret.length == 0) {
            throw unusable(file, "is empty", null);
        }
        return secret;
    }

    static byte[] withoutLineEnd(byte[] content) {
        int end = content.length;
        if (end > 0 && content[end - 1] == '\n') {
            end--;
            if (end > 0 && content[end - 1] == '\r') {
                end--;
            }
        }
        return end == content.length ? content : Arrays.copyOf(content, end);
    }

    private static String mode(Set<PosixFilePermission> permissions) {
        int bits = 0;
        for (PosixFilePermission permission : permissions) {
            bits |= 1 << (8 - permission.ordinal());
        }
        return String.format("%04o", bits);
    }

    private static WhckException unusable(Path file, String why, Throwable cause) {
        return new WhckException(WhckExit.UNUSABLE_SECRET, "refusing the secret file " + file + ": it " + why, cause);
    }
}
