package io.theriseunion.imagegateway.app.audit;

import graphql.language.EnumTypeDefinition;
import graphql.language.EnumValueDefinition;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import io.theriseunion.imagegateway.projections.audit.AuditTargetKind;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every kind of target the audit projection writes can be shown: a value the GraphQL enum lacks would null a
 * whole page of the audit log (targetKind is non-null).
 */
class AuditTargetKindsTests {

    @Test
    void theSchemaNamesEveryTargetKindTheAuditLogWrites() throws IOException {
        String schema;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("graphql/audit.graphqls")) {
            assertThat(in).as("graphql/audit.graphqls on the classpath").isNotNull();
            schema = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        TypeDefinitionRegistry types = new SchemaParser().parse(schema);
        EnumTypeDefinition kinds = types.getType("AuditTargetKind", EnumTypeDefinition.class).orElseThrow();

        assertThat(kinds.getEnumValueDefinitions()).extracting(EnumValueDefinition::getName)
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(AuditTargetKind.values()).map(Enum::name).toList());
    }
}
