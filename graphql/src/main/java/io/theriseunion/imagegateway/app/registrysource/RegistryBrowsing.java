package io.theriseunion.imagegateway.app.registrysource;

import io.theriseunion.imagegateway.domain.api.AddRepositoryCommand;
import io.theriseunion.imagegateway.domain.api.Dns1123Label;
import io.theriseunion.imagegateway.domain.api.ErrorCode;
import io.theriseunion.imagegateway.domain.api.GatewayException;
import io.theriseunion.imagegateway.domain.api.GoDuration;
import io.theriseunion.imagegateway.domain.api.RegistryHealth;
import io.theriseunion.imagegateway.domain.api.RegistryRef;
import io.theriseunion.imagegateway.domain.api.RegistrySourceNotFoundException;
import io.theriseunion.imagegateway.domain.api.RepositoryAlreadyExistsException;
import io.theriseunion.imagegateway.domain.api.SyncedManifest;
import io.theriseunion.imagegateway.domain.api.ValidationException;
import io.theriseunion.imagegateway.domain.api.Violation;
import io.theriseunion.imagegateway.domain.registry.RegistrySourceDirectory;
import io.theriseunion.imagegateway.domain.repository.RepositoryNames;
import io.theriseunion.imagegateway.domain.repository.RepositoryRules;
import io.theriseunion.imagegateway.projections.registry.RegistryCatalogueQueries;
import io.theriseunion.imagegateway.projections.registry.RegistryView;
import io.theriseunion.imagegateway.registry.ManifestHead;
import io.theriseunion.imagegateway.registry.NamePage;
import io.theriseunion.imagegateway.registry.RegistryClient;
import io.theriseunion.imagegateway.registry.RegistryEndpoint;
import io.theriseunion.imagegateway.registry.RegistryErrorCode;
import io.theriseunion.imagegateway.registry.RegistryException;
import io.theriseunion.imagegateway.registry.References;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The create panel's help, read from registries on the caller's request and never stored: the pickers (a source's
 * catalogue and a repository's tags, a page at a time) and the preview of an addRepository input. Registry
 * requests go through the same client as syncs (network policy, limits, credentials) under a deadline; a source
 * whose circuit breaker is open, or that asked to wait (429), is not contacted. Browsing does not move the breaker:
 * it is for syncs and the health check to decide. Callers check the roles first.
 */
@Service
public class RegistryBrowsing {

    /** The deadline of a picker's registry requests. */
    public static final Duration BROWSE_TIMEOUT = Duration.ofSeconds(15);
    /** A preview's deadline without a syncTimeout, and the most it takes from one. */
    public static final Duration PREVIEW_TIMEOUT = Duration.ofSeconds(15);
    public static final Duration MAX_PREVIEW_TIMEOUT = Duration.ofMinutes(1);
    static final int SUGGESTIONS = 5;
    private static final int MAX_CURSOR = 512;
    /** cosign's signature, attestation and SBOM tags: sha256-<hex>.sig and the like */
    private static final Pattern ARTIFACT_TAG = Pattern.compile("sha256-[0-9a-f]{64}(\\.[a-z]+)?");

    private final RegistryClient client;
    private final RegistryEndpoints endpoints;
    private final RegistryCatalogueQueries registries;
    private final RegistrySourceDirectory directory;
    private final RepositoryNames names;
    private final RegistryCircuits circuits;
    private final RegistryRateLimits rateLimits;
    private final Clock clock = Clock.systemUTC();

    public RegistryBrowsing(RegistryClient client, RegistryEndpoints endpoints, RegistryCatalogueQueries registries,
                            RegistrySourceDirectory directory, RepositoryNames names, RegistryCircuits circuits,
                            RegistryRateLimits rateLimits) {
        this.client = client;
        this.endpoints = endpoints;
        this.registries = registries;
        this.directory = directory;
        this.names = names;
        this.circuits = circuits;
        this.rateLimits = rateLimits;
    }

    /** A page of the source's catalogue; see the SDL of registryRepositories. */
    public RegistryNamePage repositories(String namespace, RegistryRef source, String search, int first, String after) {
        checkPage(first, 200, after, search);
        RegistryView view = source(source);
        RegistryEndpoint endpoint = endpoints.of(view);
        if (endpoint.dockerHub()) {
            throw catalogUnavailable(source, "Docker Hub lists no catalogue");
        }
        available(namespace, source);
        try {
            return shown(client.catalog(endpoint, first, after, search, clock.instant().plus(BROWSE_TIMEOUT)));
        } catch (RegistryException e) {
            switch (e.code()) {
                case UNAUTHORIZED, FORBIDDEN, NOT_FOUND, UNSUPPORTED_MEDIA_TYPE -> throw catalogUnavailable(source,
                        "GET /v2/_catalog was answered " + (e.httpStatus() == null ? e.code().name()
                                : "HTTP " + e.httpStatus()));
                default -> throw unavailable(namespace, source, e);
            }
        }
    }

    /** A page of a repository's tags; see the SDL of registryTags. */
    public RegistryNamePage tags(String namespace, RegistryRef source, String repository, String search, int first,
                         String after) {
        checkPage(first, 1000, after, search);
        if (repository == null || !References.isRepository(repository)) {
            throw ValidationException.of("repository", "must be an OCI repository path: lower-case components of"
                    + " letters and digits, separated by '.', '_', '__' or '-', joined by '/' (e.g. library/nginx)");
        }
        RegistryView view = source(source);
        available(namespace, source);
        try {
            return shown(client.tagPage(endpoints.of(view), repository, first, after, search,
                                        clock.instant().plus(BROWSE_TIMEOUT)));
        } catch (RegistryException e) {
            if (e.code() == RegistryErrorCode.NOT_FOUND) {
                throw new RegistryBrowseException(ErrorCode.NOT_FOUND, "repository " + repository
                        + " does not exist in registry source " + source.namespace() + "/" + source.name(),
                                                  "repository");
            }
            throw unavailable(namespace, source, e);
        }
    }

    private static RegistryNamePage shown(NamePage page) {
        return new RegistryNamePage(page.names(), page.hasNextPage(), page.endCursor());
    }

    /**
     * The preview of an add. sourceRefusal: the caller may not use the source from the command's namespace (the
     * answer of a source that does not exist), or null.
     */
    public RepositoryPreview preview(AddRepositoryCommand command, GatewayException sourceRefusal) {
        List<GatewayException> errors = new ArrayList<>();
        try {
            RepositoryRules.checkAdd(command);
        } catch (ValidationException e) {
            for (Violation v : e.violations()) {
                errors.add(ValidationException.of(v.field(), v.message()));
            }
        }
        if (command.namespace() != null && command.name() != null
                && names.find(command.namespace(), command.name()).isPresent()) {
            errors.add(new RepositoryAlreadyExistsException(command.namespace(), command.name()));
        }
        RegistryRef ref = command.registry();
        if (ref == null || !label(ref.namespace()) || !label(ref.name())) {
            return new RepositoryPreview(errors, null, null, null, null, List.of());
        }
        Optional<RegistryView> view = sourceRefusal == null && directory.exists(ref)
                ? registries.find(ref.namespace(), ref.name()) : Optional.empty();
        if (view.isEmpty()) {
            errors.add(sourceRefusal != null ? sourceRefusal : RepositoryRules.unknownSource(ref));
            return new RepositoryPreview(errors, null, null, null, null, List.of());
        }
        return look(errors, command, view.get());
    }

    private RepositoryPreview look(List<GatewayException> errors, AddRepositoryCommand command, RegistryView view) {
        RegistryRef ref = command.registry();
        Optional<Instant> down = circuits.unavailableSince(ref);
        if (down.isPresent()) {
            return new RepositoryPreview(errors, source(ref, false, RegistryHealth.UNREACHABLE, "registry source "
                    + ref.namespace() + "/" + ref.name() + " is unavailable since " + down.get()
                    + " (its health check or its syncs found no answer); it was not contacted"), null, null, null,
                                         List.of());
        }
        Optional<Instant> paused = rateLimits.pausedUntil(ref);
        if (paused.isPresent()) {
            return new RepositoryPreview(errors, source(ref, true, RegistryHealth.HEALTHY, "the registry asked to wait"
                    + " until " + paused.get() + " (HTTP 429); it was not contacted"), null, null, null, List.of());
        }
        RegistryEndpoint endpoint = endpoints.of(view);
        Instant deadline = clock.instant().plus(deadline(command.syncTimeout()));
        String path = command.repository() != null && References.isRepository(command.repository())
                ? endpoint.repositoryPath(command.repository()) : null;
        if (path == null || !References.isTag(command.tag())) {
            RegistryHealth health = RegistryHealth.valueOf(client.ping(endpoint, deadline).name());
            return new RepositoryPreview(errors, source(ref, health != RegistryHealth.UNREACHABLE, health,
                                                        health == RegistryHealth.HEALTHY ? null
                                                                : shown(command, "GET /v2/ found it " + health)),
                                         null, null, null, List.of());
        }
        ManifestHead head;
        try {
            head = client.head(endpoint, path, command.tag(), deadline);
        } catch (RegistryException e) {
            if (e.code() != RegistryErrorCode.NOT_FOUND) {
                return new RepositoryPreview(errors, failed(command, e), null, null, null, List.of());
            }
            return missingTag(errors, command, endpoint, path, deadline);
        }
        RepositoryPreview.Source answered = source(ref, true, RegistryHealth.HEALTHY, null);
        try {
            SyncedManifest image = RegistrySyncAdapter.toDomain(client.inspect(endpoint, path, head.digest(), deadline));
            return new RepositoryPreview(errors, answered, true, true, image, List.of());
        } catch (RegistryException e) {
            return new RepositoryPreview(errors, failed(command, e), true, true, null, List.of());
        }
    }

    private RepositoryPreview missingTag(List<GatewayException> errors, AddRepositoryCommand command,
                                         RegistryEndpoint endpoint, String path, Instant deadline) {
        RepositoryPreview.Source answered = source(command.registry(), true, RegistryHealth.HEALTHY, null);
        try {
            List<String> tags = client.tags(endpoint, path, deadline);
            return new RepositoryPreview(errors, answered, true, false, null, suggestions(tags, command.tag()));
        } catch (RegistryException e) {
            if (e.code() == RegistryErrorCode.NOT_FOUND) {
                return new RepositoryPreview(errors, answered, false, false, null, List.of());
            }
            return new RepositoryPreview(errors, failed(command, e), null, false, null, List.of());
        }
    }

    /** Up to 5 tags, those sharing the longest beginning with the wanted one first, then in reverse lexical order. */
    static List<String> suggestions(List<String> tags, String wanted) {
        String w = wanted.toLowerCase(Locale.ROOT);
        return tags.stream().filter(t -> !ARTIFACT_TAG.matcher(t).matches())
                   .sorted(Comparator.comparingInt((String t) -> commonPrefix(t.toLowerCase(Locale.ROOT), w))
                                     .reversed().thenComparing(Comparator.<String>reverseOrder()))
                   .limit(SUGGESTIONS).toList();
    }

    private static int commonPrefix(String a, String b) {
        int n = Math.min(a.length(), b.length());
        int i = 0;
        while (i < n && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        return i;
    }

    private RepositoryPreview.Source failed(AddRepositoryCommand command, RegistryException e) {
        boolean answered = e.httpStatus() != null && e.httpStatus() < 500;
        RegistryHealth health = switch (e.code()) {
            case UNAUTHORIZED, FORBIDDEN -> RegistryHealth.UNAUTHORIZED;
            case NETWORK, TIMEOUT, FORBIDDEN_HOST, TLS -> RegistryHealth.UNREACHABLE;
            default -> answered ? RegistryHealth.HEALTHY : RegistryHealth.UNREACHABLE;
        };
        return source(command.registry(), answered, health, shown(command, e));
    }

    private static RepositoryPreview.Source source(RegistryRef ref, boolean reachable, RegistryHealth health,
                                                   String message) {
        return new RepositoryPreview.Source(ref.namespace(), ref.name(), reachable, health, message);
    }

    /** The failure as the repository's namespace may see it: another namespace's source keeps its host to itself. */
    private static String shown(AddRepositoryCommand command, RegistryException e) {
        if (command.registry().namespace().equals(command.namespace())) {
            return e.code() + ": " + e.getMessage();
        }
        return hidden(command.registry(), e);
    }

    private static String shown(AddRepositoryCommand command, String message) {
        return "registry source " + command.registry().namespace() + "/" + command.registry().name() + ": " + message;
    }

    private static String hidden(RegistryRef source, RegistryException e) {
        return "registry source " + source.namespace() + "/" + source.name() + " failed with " + e.code()
                + (e.httpStatus() == null ? "" : " (HTTP " + e.httpStatus() + ")")
                + "; its namespace's members see the details on the source";
    }

    static Duration deadline(String syncTimeout) {
        Duration given = syncTimeout == null || syncTimeout.isBlank() ? null : GoDuration.parse(syncTimeout);
        if (given == null || given.isNegative() || given.isZero()) {
            return PREVIEW_TIMEOUT;
        }
        return given.compareTo(MAX_PREVIEW_TIMEOUT) > 0 ? MAX_PREVIEW_TIMEOUT : given;
    }

    private RegistryView source(RegistryRef ref) {
        return registries.find(ref.namespace(), ref.name())
                         .orElseThrow(() -> new RegistrySourceNotFoundException(ref.namespace(), ref.name()));
    }

    private void available(String namespace, RegistryRef source) {
        circuits.unavailableSince(source).ifPresent(since -> {
            throw new RegistryBrowseException(ErrorCode.UNAVAILABLE, "registry source " + source.namespace() + "/"
                    + source.name() + " is unavailable since " + since + " (its health check or its syncs found no"
                    + " answer); it was not contacted", null);
        });
        rateLimits.pausedUntil(source).ifPresent(until -> {
            throw new RegistryBrowseException(ErrorCode.UNAVAILABLE, "registry source " + source.namespace() + "/"
                    + source.name() + " asked to wait until " + until + " (HTTP 429); it was not contacted", null);
        });
    }

    private static RegistryBrowseException unavailable(String namespace, RegistryRef source, RegistryException e) {
        String message = source.namespace().equals(namespace)
                ? "registry source " + source.namespace() + "/" + source.name() + " could not be read: " + e.getMessage()
                : hidden(source, e);
        return new RegistryBrowseException(ErrorCode.UNAVAILABLE, message, null);
    }

    private static RegistryBrowseException catalogUnavailable(RegistryRef source, String why) {
        return new RegistryBrowseException(ErrorCode.CATALOG_UNAVAILABLE, "registry source " + source.namespace()
                + "/" + source.name() + " does not list its repositories (" + why + "); type the repository path"
                + " instead, e.g. library/nginx", "registry");
    }

    private static void checkPage(int first, int max, String after, String search) {
        List<Violation> v = new ArrayList<>();
        if (first < 1 || first > max) {
            v.add(new Violation("first", "must be between 1 and " + max));
        }
        if (after != null && (after.isEmpty() || after.length() > MAX_CURSOR)) {
            v.add(new Violation("after", "must be an endCursor of this query (1 to " + MAX_CURSOR + " characters)"));
        }
        if (search != null && search.length() > 255) {
            v.add(new Violation("search", "must be at most 255 characters"));
        }
        if (!v.isEmpty()) {
            throw new ValidationException(v);
        }
    }

    private static boolean label(String value) {
        List<Violation> v = new ArrayList<>();
        Dns1123Label.check(v, "x", value);
        return v.isEmpty();
    }
}
