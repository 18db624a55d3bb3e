/**
 * The OCI distribution client: reads manifests, indexes, config blobs and tag lists from container registries
 * over OkHttp. A library: it knows nothing of Axon, Spring or the gateway's domain.
 * <p>
 * Start at {@link io.theriseunion.imagegateway.registry.RegistryClient}: {@code head} (has the tag moved?),
 * {@code inspect} (what is the image?), {@code tags} and {@code ping}, the pickers' pages ({@code catalog},
 * {@code tagPage}: a {@link io.theriseunion.imagegateway.registry.NamePage}) and {@code referrers} (with
 * {@link io.theriseunion.imagegateway.registry.Signatures} to tell a signature), each against a
 * {@link io.theriseunion.imagegateway.registry.RegistryEndpoint}. Every failure is a
 * {@link io.theriseunion.imagegateway.registry.RegistryException} with a
 * {@link io.theriseunion.imagegateway.registry.RegistryErrorCode}. The package-private classes are the
 * machinery: authentication ({@code RegistryAuthenticator}, {@code TokenService}), transport
 * ({@code RegistryHttp}, {@code HttpSender}, {@code BodyReader}, {@code Failures}), documents
 * ({@code ManifestDocument}, {@code Descriptor}, {@code ImageConfig}, {@code TagList}, {@code NameList},
 * {@code ReferrerIndex}) and the readers built on
 * them ({@code ManifestFetcher}, {@code ConfigReader}, {@code ImageInspector}, {@code TagLister},
 * {@code NamePager}).
 */
package io.theriseunion.imagegateway.registry;
