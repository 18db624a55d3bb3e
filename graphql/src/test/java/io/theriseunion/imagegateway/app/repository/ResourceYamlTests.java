package io.theriseunion.imagegateway.app.repository;

import io.theriseunion.imagegateway.domain.api.Violation;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Splitting multi-document YAML, reading documents strictly, and writing YAML that reads back the same. */
class ResourceYamlTests {

    private static final String DOCUMENT = ResourceApi.document("default", "nginx", "latest", null);

    @Test
    void documentsAreSplitAtTheirMarkersNumberedAndLocatedAndEmptyOnesSkipped() {
        String text = "# repositories\n---\n" + DOCUMENT + "--- # second\n" + DOCUMENT.replace("nginx\n", "redis\n")
                + "---\n\n...\n%YAML 1.2\n--- " + "{apiVersion: x}\n";
        List<ParsedDocument> documents = ResourceYaml.parseYaml(text);
        assertThat(documents).extracting(ParsedDocument::index).containsExactly(1, 2, 3);
        assertThat(documents).extracting(ParsedDocument::line).containsExactly(3, 13, 28);
        assertThat(documents.get(1).tree().path("metadata").path("name").asText()).isEqualTo("redis");
        assertThat(documents.get(2).tree().path("apiVersion").asText()).isEqualTo("x");
    }

    @Test
    void aBrokenDocumentFailsAloneNamingItsNumberAndLine() {
        List<ParsedDocument> documents = ResourceYaml.parseYaml(DOCUMENT + "---\nspec: [oops\n---\n" + DOCUMENT);
        assertThat(documents).hasSize(3);
        assertThat(documents.get(0).error()).isNull();
        assertThat(documents.get(1).error().getMessage()).startsWith("document 2 (line 12): is not valid YAML")
                                                         .contains("line 13");
        assertThat(documents.get(2).error()).isNull();
    }

    @Test
    void theReaderRefusesOtherKindsUnknownSpecFieldsAndValuesOfTheWrongType() {
        ParsedDocument document = ResourceYaml.parseYaml(DOCUMENT.replace("kind: Repository", "kind: Pod")
                                                                 .replace("tag: \"latest\"", "tag: yes\n  mirror: x")
                                                         + "  retryCount: 1.5\n").get(0);
        MalformedDocumentException e = catchThrowableOfType(MalformedDocumentException.class,
                                                            () -> ResourceReader.read(document));
        assertThat(e.violations()).extracting(Violation::field)
                                  .containsExactlyInAnyOrder("kind", "spec.mirror", "spec.tag", "spec.retryCount");
        assertThat(e.code()).isEqualTo("VALIDATION_FAILED");

        assertThatThrownBy(() -> ResourceReader.read(ResourceYaml.parseYaml("- a\n- b\n").get(0)))
                .hasMessageContaining("must be a Repository resource");
    }

    @Test
    void theReaderIgnoresStatusOtherMetadataAndOtherAnnotations() {
        RepositoryResource resource = ResourceReader.read(ResourceYaml.parseYaml(
                DOCUMENT.replace("metadata:\n", "metadata:\n  uid: abc\n  labels: {app: web}\n  annotations:\n"
                                         + "    theriseunion.io/display-name: 入口\n    other.io/x: \"1\"\n")
                        + "status:\n  syncStatus: Success\n").get(0));
        assertThat(resource.metadata().annotations()).isEqualTo(Map.of(RepositoryResource.DISPLAY_NAME, "入口"));
        assertThat(resource.spec().tag()).isEqualTo("latest");
    }

    @Test
    void writtenYamlReadsBackTheSameIncludingStringsThatLookLikeOtherTypes() {
        RepositoryResource written = new RepositoryResource(
                RepositoryResource.API_VERSION, RepositoryResource.KIND,
                new RepositoryResource.Metadata("app", "default", null, null, null,
                                                Map.of(RepositoryResource.DESCRIPTION, "yes: 生产环境")),
                new RepositoryResource.Spec("library/app", "1.10", new RepositoryResource.RegistryRef("on", "default"),
                                            "1h", "10m", 3),
                null);
        String yaml = ResourceYaml.write(List.of(written, written));
        assertThat(yaml).startsWith("---\n").contains("tag: \"1.10\"").contains("生产环境");
        List<ParsedDocument> documents = ResourceYaml.parseYaml(yaml);
        assertThat(documents).hasSize(2);
        assertThat(ResourceReader.read(documents.get(1))).isEqualTo(written);
    }
}
