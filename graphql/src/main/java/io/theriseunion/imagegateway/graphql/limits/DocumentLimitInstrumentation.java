package io.theriseunion.imagegateway.graphql.limits;

import graphql.ExecutionInput;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.execution.instrumentation.parameters.InstrumentationValidationParameters;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.NodeTraverser;
import graphql.language.NodeVisitorStub;
import graphql.language.Node;
import graphql.util.TraversalControl;
import graphql.util.TraverserContext;
import graphql.validation.ValidationError;
import io.theriseunion.imagegateway.domain.api.ErrorCode;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** The document's size (before parsing) and its number of aliases (before validation). */
public class DocumentLimitInstrumentation extends SimplePerformantInstrumentation {

    private final QueryLimits limits;

    public DocumentLimitInstrumentation(QueryLimits limits) {
        this.limits = limits;
    }

    @Override
    public ExecutionInput instrumentExecutionInput(ExecutionInput input, InstrumentationExecutionParameters parameters,
                                                   InstrumentationState state) {
        String query = input.getQuery();
        if (query != null && query.length() > limits.maxDocumentBytes() / 4
                && query.getBytes(StandardCharsets.UTF_8).length > limits.maxDocumentBytes()) {
            throw LimitExceeded.abort(ErrorCode.DOCUMENT_TOO_LARGE, "the document has " + query.getBytes(StandardCharsets.UTF_8).length
                    + " bytes; at most " + limits.maxDocumentBytes() + " are allowed (gateway.graphql.max-document-bytes)");
        }
        return input;
    }

    @Override
    public InstrumentationContext<List<ValidationError>> beginValidation(InstrumentationValidationParameters parameters,
                                                                         InstrumentationState state) {
        int aliases = countAliases(parameters.getDocument());
        if (aliases > limits.maxAliases()) {
            throw LimitExceeded.abort(ErrorCode.TOO_MANY_ALIASES, "the document uses " + aliases + " aliases; at most "
                    + limits.maxAliases() + " are allowed (gateway.graphql.max-aliases)");
        }
        return SimpleInstrumentationContext.noOp();
    }

    private static int countAliases(Document document) {
        AtomicInteger aliases = new AtomicInteger();
        new NodeTraverser().preOrder(new NodeVisitorStub() {
            @Override
            public TraversalControl visitField(Field field, TraverserContext<Node> context) {
                if (field.getAlias() != null) {
                    aliases.incrementAndGet();
                }
                return TraversalControl.CONTINUE;
            }
        }, document);
        return aliases.get();
    }
}
