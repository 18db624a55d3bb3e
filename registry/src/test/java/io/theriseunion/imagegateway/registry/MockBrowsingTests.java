package io.theriseunion.imagegateway.registry;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * What docker-registry 2.8 cannot show: a registry that refuses its catalogue (as Docker Hub does) and one with
 * the OCI referrers API.
 */
class MockBrowsingTests {

    private static final String DIGEST = "sha256:" + "a".repeat(64);

    private MockRegistry registry;
    private RegistryClient client;

    @BeforeEach
    void start() {
        registry = MockRegistry.start();
        client = LoopbackClients.builder().build();
    }

    @AfterEach
    void stop() {
        client.close();
        registry.close();
    }

    @Test
    void aRefusedCatalogueIsItsRegistryException() {
        registry.on("GET", "/v2/_catalog", MockContent.status(401));
        assertThat(catchThrowableOfType(RegistryException.class,
                () -> client.catalog(registry.endpoint(), 10, null, null, null)).code())
                .isEqualTo(RegistryErrorCode.UNAUTHORIZED);
    }

    @Test
    void aMissingCatalogueIsNotFound() {
        assertThat(catchThrowableOfType(RegistryException.class,
                () -> client.catalog(registry.endpoint(), 10, null, null, null)).code())
                .isEqualTo(RegistryErrorCode.NOT_FOUND);
    }

    @Test
    void referrersAreListedWithTheirArtifactTypes() {
        registry.on("GET", "/v2/team/app/referrers/" + DIGEST, MockContent.json("""
                {"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[
                 {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:%s","size":10,
                  "artifactType":"application/vnd.example.sbom"},
                 {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:%s","size":12,
                  "artifactType":"application/vnd.cncf.notary.signature"}]}
                """.formatted("b".repeat(64), "c".repeat(64))));

        List<Referrer> referrers = client.referrers(registry.endpoint(), "team/app", DIGEST, null);

        assertThat(referrers).extracting(Referrer::artifactType)
                             .containsExactly("application/vnd.example.sbom", "application/vnd.cncf.notary.signature");
        assertThat(Signatures.signedByReferrer(referrers)).isTrue();
        assertThat(Signatures.signedByReferrer(referrers.subList(0, 1))).isFalse();
    }

    @Test
    void theCosignTagOfADigest() {
        assertThat(Signatures.cosignTag(DIGEST)).isEqualTo("sha256-" + "a".repeat(64) + ".sig");
    }
}
