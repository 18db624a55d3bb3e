package io.theriseunion.imagegateway.graphql.live;

import graphql.language.AstPrinter;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.OperationDefinition;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import io.theriseunion.imagegateway.app.access.Caller;
import io.theriseunion.imagegateway.app.access.RoleBinding;
import org.springframework.graphql.GraphQlRequest;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What makes two subscriptions the same execution: the document (printed compactly, so whitespace and comments
 * do not count), the operation, its variables, and what the subscriber may see (its role bindings, which decide
 * every namespace it may read or audit). Who the subscriber is, and how long its credentials last, is not part
 * of it: that is checked per subscriber. A subscription that starts from a point of its own (a field with an
 * {@code after} argument: auditLogAppended sends first what came after that point) is not shared: a subscriber
 * joining a running execution would miss what it sent before.
 */
record SubscriptionKey(String document, String operationName, Map<String, Object> variables,
                       Set<RoleBinding> visibility) {

    /** The key of a subscription request; empty for a query, a mutation, or a document that does not parse. */
    static Optional<SubscriptionKey> of(GraphQlRequest request, Caller caller) {
        if (caller == null || request.getDocument() == null) {
            return Optional.empty();
        }
        Document document;
        try {
            document = Parser.parse(request.getDocument());
        } catch (InvalidSyntaxException e) {
            return Optional.empty(); // GraphQL itself answers it, unshared
        }
        List<OperationDefinition> operations = document.getDefinitionsOfType(OperationDefinition.class);
        String name = request.getOperationName();
        Optional<OperationDefinition> operation = name == null
                ? (operations.size() == 1 ? Optional.of(operations.get(0)) : Optional.empty())
                : operations.stream().filter(o -> name.equals(o.getName())).findFirst();
        if (operation.isEmpty() || operation.get().getOperation() != OperationDefinition.Operation.SUBSCRIPTION
                || startsFromAPoint(operation.get())) {
            return Optional.empty();
        }
        Map<String, Object> variables = request.getVariables();
        return Optional.of(new SubscriptionKey(AstPrinter.printAstCompact(document), name,
                                               variables == null ? Map.of() : variables, Set.copyOf(caller.bindings())));
    }

    private static boolean startsFromAPoint(OperationDefinition operation) {
        return operation.getSelectionSet().getSelectionsOfType(Field.class).stream()
                        .anyMatch(field -> field.getArguments().stream().anyMatch(a -> a.getName().equals("after")));
    }
}
