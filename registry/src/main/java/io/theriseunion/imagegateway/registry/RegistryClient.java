package io.theriseunion.imagegateway.registry;

import okhttp3.Dns;
import okhttp3.OkHttpClient;
import okhttp3.Response;

import java.net.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Reads OCI distribution registries: manifest heads, whole images (config, layers, platforms), tag lists and
 * health. Thread-safe; build one per application with {@link #builder()} and share it. Anonymous, Basic and
 * Bearer-token access are handled per {@link RegistryEndpoint}. Failures are {@link RegistryException}s. Every
 * connection, redirects and token realms included, is checked against a {@link RegistryNetworkPolicy}; no proxy is
 * used. The work one answer can cause is bounded by the builder's limits ({@code LIMIT_EXCEEDED}), and an
 * operation given a deadline stops at it ({@code TIMEOUT}), requests in flight included.
 */
public final class RegistryClient implements AutoCloseable {

    private final OkHttpClient okHttp;
    private final RegistryHttp http;
    private final ManifestFetcher manifests;
    private final ImageInspector inspector;
    private final TagLister tagLister;
    private final NamePager pager;
    private final long maxManifestBytes;
    private final Clock clock;

    private RegistryClient(Builder builder) {
        // every OkHttpClient of this client is this one or derived from it (EndpointClients), policy included;
        // never a proxy: a proxy would resolve and connect for us, and the address rules could not apply
        this.okHttp = new OkHttpClient.Builder()
                .proxy(Proxy.NO_PROXY)
                .connectTimeout(builder.connectTimeout)
                .readTimeout(builder.readTimeout)
                .writeTimeout(builder.readTimeout)
                .callTimeout(builder.callTimeout)
                .followRedirects(false)
                .followSslRedirects(false)
                .addInterceptor(new PolicyInterceptor(builder.networkPolicy))
                .dns(new PolicyDns(builder.networkPolicy, builder.dns))
                .socketFactory(new PolicySocketFactory(builder.networkPolicy))
                .build();
        HttpSender sender = new HttpSender(builder.userAgent, builder.maxRedirects, builder.requestListener);
        TokenService tokens = new TokenService(sender, builder.clock, builder.cacheSize);
        this.http = new RegistryHttp(new EndpointClients(okHttp, 64), sender,
                new RegistryAuthenticator(tokens, builder.cacheSize));
        Limits limits = new Limits(builder.maxTagPages, builder.maxTags, builder.maxIndexEntries,
                builder.maxLayersPerManifest, builder.maxImageLayers, builder.limitSettingPrefix);
        this.manifests = new ManifestFetcher(http, builder.maxManifestBytes, limits, builder.clock);
        ConfigReader configs = new ConfigReader(http, builder.maxManifestBytes, builder.clock, builder.cacheSize);
        this.inspector = new ImageInspector(manifests, configs, builder.maxCacheBytes, limits);
        this.tagLister = new TagLister(http, builder.maxManifestBytes, limits, builder.clock);
        this.pager = new NamePager(http, builder.maxManifestBytes, limits, builder.clock);
        this.maxManifestBytes = builder.maxManifestBytes;
        this.clock = builder.clock;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code HEAD /v2/<name>/manifests/<reference>}: the digest a tag points at now, cheaply. */
    public ManifestHead head(RegistryEndpoint endpoint, String repository, String reference) {
        return head(endpoint, repository, reference, null);
    }

    /**
     * {@link #head(RegistryEndpoint, String, String)}, done by {@code deadline} (by the builder's clock) or failed as
     * {@link RegistryErrorCode#TIMEOUT}: a request in flight is cut off then, and none is sent after it.
     *
     * @param deadline the end of the operation, or {@code null} for none beyond the call timeouts
     */
    public ManifestHead head(RegistryEndpoint endpoint, String repository, String reference, Instant deadline) {
        return manifests.head(endpoint, endpoint.repositoryPath(repository), References.requireReference(reference),
                Deadline.of(deadline, clock));
    }

    /**
     * The manifest (or index) and what it points at: config fields, layers, one {@link Platform} per image
     * of an index. See {@link ImageManifest} for what the top-level fields mean for an index.
     */
    public ImageManifest inspect(RegistryEndpoint endpoint, String repository, String reference) {
        return inspect(endpoint, repository, reference, null);
    }

    /** {@link #inspect(RegistryEndpoint, String, String)}, every request of it done by {@code deadline} or TIMEOUT. */
    public ImageManifest inspect(RegistryEndpoint endpoint, String repository, String reference, Instant deadline) {
        return inspector.inspect(endpoint, endpoint.repositoryPath(repository), References.requireReference(reference),
                Deadline.of(deadline, clock));
    }

    /** The repository's tags, sorted by name, at most {@code maxTags}. */
    public List<String> tags(RegistryEndpoint endpoint, String repository) {
        return tags(endpoint, repository, null);
    }

    /** {@link #tags(RegistryEndpoint, String)}, every page done by {@code deadline} or TIMEOUT. */
    public List<String> tags(RegistryEndpoint endpoint, String repository, Instant deadline) {
        return tagLister.tags(endpoint, endpoint.repositoryPath(repository), Deadline.of(deadline, clock));
    }

    /**
     * One page of the registry's catalogue ({@code GET /v2/_catalog?n=&last=}): at most {@code first} repository
     * names after {@code after} (null: from the start) that contain {@code search} (case-insensitive; null or
     * empty: all), every request done by {@code deadline}. A registry that does not offer its catalogue answers
     * 401, 403 or 404 (Docker Hub does): that is the {@link RegistryException} of that answer. See {@link NamePager}.
     */
    public NamePage catalog(RegistryEndpoint endpoint, int first, String after, String search, Instant deadline) {
        return pager.catalog(endpoint, first, after, search, Deadline.of(deadline, clock));
    }

    /** One page of the repository's tags ({@code GET /v2/<name>/tags/list?n=&last=}), as {@link #catalog} pages. */
    public NamePage tagPage(RegistryEndpoint endpoint, String repository, int first, String after, String search,
                            Instant deadline) {
        return pager.tags(endpoint, endpoint.repositoryPath(repository), first, after, search,
                          Deadline.of(deadline, clock));
    }

    /**
     * {@code GET /v2/<name>/referrers/<digest>}: the manifests whose subject is the digest (OCI distribution 1.1).
     * A registry without the referrers API answers 404 ({@code NOT_FOUND}), as Debian's 2.8 does.
     */
    public List<Referrer> referrers(RegistryEndpoint endpoint, String repository, String digest, Instant deadline) {
        String path = endpoint.repositoryPath(repository);
        if (!References.isDigest(digest)) {
            throw new IllegalArgumentException("'" + digest + "' is not a digest");
        }
        RegistryRequest request = RegistryRequest.get(endpoint, RegistryUrls.referrers(endpoint, path, digest),
                RegistryRequest.pullScope(path), MediaTypes.OCI_INDEX, "referrers of " + path + "@" + digest,
                Deadline.of(deadline, clock));
        try (Response response = http.exchange(request)) {
            if (!response.isSuccessful()) {
                throw Failures.fromResponse(response, request, clock);
            }
            ReferrerIndex index = Json.read(BodyReader.read(response, maxManifestBytes, request), ReferrerIndex.class,
                                            request.subject());
            return index.manifests() == null ? List.of() : List.copyOf(index.manifests());
        }
    }

    /** {@code GET /v2/}, authenticated as the endpoint says. Never throws for registry trouble. */
    public RegistryHealth ping(RegistryEndpoint endpoint) {
        return ping(endpoint, null);
    }

    /** {@link #ping(RegistryEndpoint)}, done by {@code deadline} (null: none) or UNREACHABLE. */
    public RegistryHealth ping(RegistryEndpoint endpoint, Instant deadline) {
        RegistryRequest request = RegistryRequest.get(endpoint, RegistryUrls.apiRoot(endpoint), null, null, "/v2/",
                Deadline.of(deadline, clock));
        try (Response response = http.exchange(request)) {
            if (response.isSuccessful()) {
                return RegistryHealth.HEALTHY;
            }
            return response.code() == 401 || response.code() == 403
                    ? RegistryHealth.UNAUTHORIZED : RegistryHealth.UNREACHABLE;
        } catch (RegistryException e) {
            return e.code() == RegistryErrorCode.UNAUTHORIZED || e.code() == RegistryErrorCode.FORBIDDEN
                    ? RegistryHealth.UNAUTHORIZED : RegistryHealth.UNREACHABLE;
        }
    }

    /** Closes idle connections and the dispatcher's threads. */
    @Override
    public void close() {
        okHttp.dispatcher().executorService().shutdown();
        okHttp.connectionPool().evictAll();
    }

    /** Settings of a {@link RegistryClient}; every one has a default. */
    public static final class Builder {

        private String userAgent = "image-gateway/0.1 (+OCI distribution client)";
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration readTimeout = Duration.ofSeconds(30);
        private Duration callTimeout = Duration.ofSeconds(60);
        private long maxManifestBytes = 4L * 1024 * 1024;
        private int maxRedirects = 5;
        private int maxTags = 1000;
        private int maxTagPages = 100;
        private int maxIndexEntries = 256;
        private int maxLayersPerManifest = 1000;
        private int maxImageLayers = 4_000;
        private long maxCacheBytes = 64L * 1024 * 1024;
        private String limitSettingPrefix = "";
        private int cacheSize = 1024;
        private RegistryRequestListener requestListener = RegistryRequestListener.NONE;
        private Clock clock = Clock.systemUTC();
        private RegistryNetworkPolicy networkPolicy = RegistryNetworkPolicy.defaults();
        private Dns dns = Dns.SYSTEM;

        private Builder() {
        }

        public Builder userAgent(String userAgent) {
            this.userAgent = requireText(userAgent, "userAgent");
            return this;
        }

        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = requirePositive(timeout, "connectTimeout");
            return this;
        }

        public Builder readTimeout(Duration timeout) {
            this.readTimeout = requirePositive(timeout, "readTimeout");
            return this;
        }

        /** The whole call, redirects and body included. */
        public Builder callTimeout(Duration timeout) {
            this.callTimeout = requirePositive(timeout, "callTimeout");
            return this;
        }

        /** The largest manifest, config blob or tag list page read; default 4 MiB. */
        public Builder maxManifestBytes(long bytes) {
            this.maxManifestBytes = requireAtLeast(bytes, 1, "maxManifestBytes");
            return this;
        }

        /** Redirect hops followed per request; default 5. */
        public Builder maxRedirects(int redirects) {
            this.maxRedirects = (int) requireAtLeast(redirects, 0, "maxRedirects");
            return this;
        }

        /** Tags collected per {@code tags} call; default 1000. */
        public Builder maxTags(int tags) {
            this.maxTags = (int) requireAtLeast(tags, 1, "maxTags");
            return this;
        }

        /** Tag-list pages read per {@code tags} call; a registry linking more fails as LIMIT_EXCEEDED; default 100. */
        public Builder maxTagPages(int pages) {
            this.maxTagPages = (int) requireAtLeast(pages, 1, "maxTagPages");
            return this;
        }

        /** Entries of one index (manifest list) read; more is LIMIT_EXCEEDED; default 256. */
        public Builder maxIndexEntries(int entries) {
            this.maxIndexEntries = (int) requireAtLeast(entries, 1, "maxIndexEntries");
            return this;
        }

        /** Layers of one image manifest; more is LIMIT_EXCEEDED; default 1000. */
        public Builder maxLayersPerManifest(int layers) {
            this.maxLayersPerManifest = (int) requireAtLeast(layers, 1, "maxLayersPerManifest");
            return this;
        }

        /** Layers over all platforms of one index (platforms × layers); more is LIMIT_EXCEEDED; default 10,000. */
        public Builder maxImageLayers(int layers) {
            this.maxImageLayers = (int) requireAtLeast(layers, 1, "maxImageLayers");
            return this;
        }

        /** Bytes of child manifests kept in memory (by the size of their documents); default 64 MiB, 0 keeps none. */
        public Builder maxCacheBytes(long bytes) {
            this.maxCacheBytes = requireAtLeast(bytes, 0, "maxCacheBytes");
            return this;
        }

        /**
         * Put before a limit's name ({@code tag-pages}, {@code index-entries}, {@code layers-per-manifest},
         * {@code image-layers}) in LIMIT_EXCEEDED messages, so that they name the setting to change, e.g.
         * {@code gateway.registry.limits.}; default none.
         */
        public Builder limitSettingPrefix(String prefix) {
            this.limitSettingPrefix = Objects.requireNonNull(prefix, "limitSettingPrefix");
            return this;
        }

        /** Entries of the small in-memory caches (config fields, tokens, auth schemes); default 1024. */
        public Builder cacheSize(int entries) {
            this.cacheSize = (int) requireAtLeast(entries, 1, "cacheSize");
            return this;
        }

        public Builder requestListener(RegistryRequestListener listener) {
            this.requestListener = Objects.requireNonNull(listener, "requestListener");
            return this;
        }

        /** The clock for token expiry and Retry-After dates. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Which hosts and addresses may be connected to; default {@link RegistryNetworkPolicy#defaults()}. */
        public Builder networkPolicy(RegistryNetworkPolicy policy) {
            this.networkPolicy = Objects.requireNonNull(policy, "networkPolicy");
            return this;
        }

        /** The resolver the network policy filters; for tests. */
        Builder dns(Dns dns) {
            this.dns = Objects.requireNonNull(dns, "dns");
            return this;
        }

        public RegistryClient build() {
            return new RegistryClient(this);
        }

        private static String requireText(String value, String name) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(name + " must not be blank");
            }
            return value;
        }

        private static Duration requirePositive(Duration value, String name) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be a positive duration");
            }
            return value;
        }

        private static long requireAtLeast(long value, long minimum, String name) {
            if (value < minimum) {
                throw new IllegalArgumentException(name + " must be at least " + minimum);
            }
            return value;
        }
    }
}
