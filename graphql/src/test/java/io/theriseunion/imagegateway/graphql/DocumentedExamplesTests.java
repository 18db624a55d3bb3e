package io.theriseunion.imagegateway.graphql;

import graphql.ParseAndValidate;
import graphql.ParseAndValidateResult;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import graphql.schema.idl.UnExecutableSchemaGenerator;
import graphql.validation.ValidationError;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The GraphQL operations docs/examples shows are valid against the schema the gateway serves: a reader who pastes
 * one into GraphiQL gets an answer, not a validation error, whatever the schema's later changes.
 */
class DocumentedExamplesTests {

    private static final Path EXAMPLES = Path.of("../docs/examples");

    @TestFactory
    Stream<DynamicTest> everyDocumentedOperationIsValidAgainstTheSchema() throws IOException {
        GraphQLSchema schema = UnExecutableSchemaGenerator.makeUnExecutableSchema(schemaTypes());
        List<Path> files;
        try (Stream<Path> listed = Files.list(EXAMPLES)) {
            files = listed.filter(p -> p.toString().endsWith(".graphql")).sorted().toList();
        }
        assertThat(files).as("GraphQL examples in %s", EXAMPLES).isNotEmpty();
        return files.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            ParseAndValidateResult result = ParseAndValidate.parseAndValidate(schema,
                    graphql.ExecutionInput.newExecutionInput(Files.readString(file)).build());
            assertThat(result.getSyntaxException()).as("syntax of %s", file).isNull();
            assertThat(result.getValidationErrors()).extracting(ValidationError::getDescription)
                                                    .as("validation of %s", file).isEmpty();
        }));
    }

    private static TypeDefinitionRegistry schemaTypes() throws IOException {
        TypeDefinitionRegistry types = new TypeDefinitionRegistry();
        Resource[] files = new PathMatchingResourcePatternResolver().getResources("classpath*:graphql/*.graphqls");
        assertThat(files).as("the schema's files on the classpath").isNotEmpty();
        for (Resource file : files) {
            types.merge(new SchemaParser().parse(file.getContentAsString(StandardCharsets.UTF_8)));
        }
        return types;
    }
}
