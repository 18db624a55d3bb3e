package io.theriseunion.imagegateway.app.webhook;

/** What a registry said was pushed: a repository path, a tag, and the manifest digest when it said so. */
public record PushedImage(String repository, String tag, String digest) {
}
