package io.theriseunion.imagegateway.domain.registry;

import io.theriseunion.imagegateway.domain.api.AddRegistrySourceCommand;
import io.theriseunion.imagegateway.domain.api.Dns1123Label;
import io.theriseunion.imagegateway.domain.api.RegistrySourceSettings;
import io.theriseunion.imagegateway.domain.api.UpdateRegistrySourceCommand;
import io.theriseunion.imagegateway.domain.api.ValidationException;
import io.theriseunion.imagegateway.domain.api.Violation;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The input rules of a registry source. Like {@code RepositoryRules}, each check returns the checked value (defaults
 * filled in, the URL in canonical form) or throws one ValidationException that names every broken rule's field,
 * all at once.
 */
public final class RegistrySourceRules {

    public static final int DEFAULT_CONCURRENCY = 4;
    static final int MAX_CONCURRENCY = 64;
    static final int MAX_DESCRIPTION = 2048;
    static final int MAX_USERNAME = 255;
    /** What registry_view.url holds; a host name has at most 253 characters anyway. */
    static final int MAX_URL = 512;
    static final int MAX_CA_BYTES = 64 * 1024;

    private RegistrySourceRules() {
    }

    /** Checks an add and returns the source's settings: insecure and shared default to false, concurrency to 4. */
    public static RegistrySourceSettings checkAdd(AddRegistrySourceCommand c) {
        List<Violation> v = new ArrayList<>();
        Dns1123Label.check(v, "namespace", c.namespace());
        Dns1123Label.check(v, "name", c.name());
        RegistrySourceSettings s = settings(v, new RegistrySourceSettings(
                c.url(), Boolean.TRUE.equals(c.insecure()), c.description(), c.username(), c.caCertificate(),
                c.concurrencyLimit() == null ? DEFAULT_CONCURRENCY : c.concurrencyLimit(),
                Boolean.TRUE.equals(c.shared())));
        throwIfAny(v);
        return s;
    }

    /** Checks an update and returns the settings after it: a null field keeps the current value. */
    public static RegistrySourceSettings checkUpdate(RegistrySourceSettings current, UpdateRegistrySourceCommand c) {
        List<Violation> v = new ArrayList<>();
        RegistrySourceSettings s = settings(v, new RegistrySourceSettings(
                c.url() == null ? current.url() : c.url(),
                c.insecure() == null ? current.insecure() : c.insecure(),
                c.description() == null ? current.description() : c.description(),
                c.username() == null ? current.username() : c.username(),
                c.caCertificate() == null ? current.caCertificate() : c.caCertificate(),
                c.concurrencyLimit() == null ? current.concurrencyLimit() : c.concurrencyLimit(),
                c.shared() == null ? current.shared() : c.shared()));
        throwIfAny(v);
        return s;
    }

    /** Complete settings with the URL in canonical form (no trailing slash); each broken rule added to v. */
    private static RegistrySourceSettings settings(List<Violation> v, RegistrySourceSettings s) {
        String url = url(v, s.url(), s.insecure());
        if (s.description() != null && s.description().codePointCount(0, s.description().length()) > MAX_DESCRIPTION) {
            v.add(new Violation("description", "must be at most " + MAX_DESCRIPTION + " characters"));
        }
        if (s.username() != null && (s.username().length() > MAX_USERNAME || s.username().contains(":"))) {
            v.add(new Violation("username", "must be at most " + MAX_USERNAME + " characters and contain no ':'"));
        }
        if (s.caCertificate() != null) {
            if (s.caCertificate().length() > MAX_CA_BYTES) {
                v.add(new Violation("caCertificate", "must be at most 64 KB"));
            } else if (!s.caCertificate().contains("-----BEGIN CERTIFICATE-----")) {
                v.add(new Violation("caCertificate", "must be PEM text with one or more"
                        + " -----BEGIN CERTIFICATE----- blocks"));
            }
        }
        if (s.concurrencyLimit() < 1 || s.concurrencyLimit() > MAX_CONCURRENCY) {
            v.add(new Violation("concurrencyLimit", "must be between 1 and " + MAX_CONCURRENCY));
        }
        return new RegistrySourceSettings(url, s.insecure(), emptyToNull(s.description()), emptyToNull(s.username()),
                                          emptyToNull(s.caCertificate()), s.concurrencyLimit(), s.shared());
    }

    private static void throwIfAny(List<Violation> v) {
        if (!v.isEmpty()) {
            throw new ValidationException(v);
        }
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static String url(List<Violation> v, String text, boolean insecure) {
        if (text == null || text.isBlank()) {
            v.add(new Violation("url", "is required"));
            return text;
        }
        if (text.length() > MAX_URL) {
            v.add(new Violation("url", "must be at most " + MAX_URL + " characters"));
            return text;
        }
        URI uri;
        try {
            uri = new URI(text.trim());
        } catch (URISyntaxException e) {
            v.add(new Violation("url", "must be a URL such as https://harbor.example.com or https://host:5000"));
            return text;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            v.add(new Violation("url", "must start with https:// (or http:// with insecure: true)"));
            return text;
        }
        if (scheme.equals("http") && !insecure) {
            v.add(new Violation("url", "may use http:// only with insecure: true; use https://"));
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null) {
            v.add(new Violation("url", "must name a host and carry no user name or password"
                    + " (credentials go in username and password)"));
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (!path.isEmpty() && !path.equals("/") || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            v.add(new Violation("url", "must be the registry's root, https://host[:port], without path or query"));
        }
        if (uri.getHost() == null) {
            return text;
        }
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (uri.getPort() >= 0 ? ":" + uri.getPort() : "");
    }
}
