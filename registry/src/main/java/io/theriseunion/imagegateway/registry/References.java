package io.theriseunion.imagegateway.registry;

import java.util.regex.Pattern;

/**
 * The OCI distribution grammar for repository names, tags and digests. Everything the client puts into a
 * URL path is checked here first, so a name can never step outside {@code /v2/<name>/}.
 */
public final class References {

    private static final Pattern REPOSITORY =
            Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*");
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
    private static final Pattern DIGEST = Pattern.compile("[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]{32,}");
    private static final Pattern SHA256 = Pattern.compile("sha256:[a-f0-9]{64}");
    private static final int MAX_REPOSITORY_LENGTH = 255;

    private References() {
    }

    public static boolean isRepository(String name) {
        return name != null && name.length() <= MAX_REPOSITORY_LENGTH && REPOSITORY.matcher(name).matches();
    }

    public static boolean isTag(String tag) {
        return tag != null && TAG.matcher(tag).matches();
    }

    /** {@code algorithm:encoded}; a sha256 digest must be 64 lowercase hex characters. */
    public static boolean isDigest(String digest) {
        if (digest == null || !DIGEST.matcher(digest).matches()) {
            return false;
        }
        return !digest.startsWith("sha256:") || SHA256.matcher(digest).matches();
    }

    static String requireRepository(String name) {
        if (!isRepository(name)) {
            throw new IllegalArgumentException("repository name '" + name + "' breaks the OCI naming rule: lowercase"
                    + " letters and digits in path components separated by '/', joined by '.', '_', '__' or '-'");
        }
        return name;
    }

    static String requireReference(String reference) {
        if (!isTag(reference) && !isDigest(reference)) {
            throw new IllegalArgumentException("reference '" + reference + "' is neither a tag ([A-Za-z0-9_][A-Za-z0-9_.-]"
                    + " up to 128 characters) nor a digest (algorithm:hex)");
        }
        return reference;
    }

    /** {@code library/nginx:latest} or {@code library/nginx@sha256:...}, for messages. */
    static String display(String repository, String reference) {
        return repository + (isDigest(reference) ? "@" : ":") + reference;
    }
}
