package io.theriseunion.imagegateway.app.repository;

import io.theriseunion.imagegateway.app.config.GatewayProperties;
import io.theriseunion.imagegateway.domain.api.AddRepositoryCommand;
import io.theriseunion.imagegateway.domain.api.GatewayException;
import io.theriseunion.imagegateway.domain.api.ValidationException;
import io.theriseunion.imagegateway.domain.api.Violation;
import io.theriseunion.imagegateway.domain.repository.RepositoryRules;
import io.theriseunion.imagegateway.projections.repository.RepositoryCatalogueQueries;
import io.theriseunion.imagegateway.projections.repository.RepositoryView;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Applies Repository documents, as {@code kubectl apply} does, for the GraphQL mutation {@code applyRepositories}
 * and the REST API: a repository that does not exist is added; one that exists gets the display name and
 * description the document gives (an absent annotation leaves it as it is, an empty one clears it); a document
 * that differs from the existing repository in a field that cannot change (registry, repository path, tag, and
 * syncInterval, syncTimeout or retryCount when the document gives them) is a CONFLICT. Each document is one
 * command or none, so no item is ever half-applied; items succeed or fail on their own.
 */
@Service
public class RepositoryApply {

    private final Catalogue catalogue;
    private final RepositoryCatalogueQueries repositories;
    private final GatewayProperties properties;

    public RepositoryApply(Catalogue catalogue, RepositoryCatalogueQueries repositories, GatewayProperties properties) {
        this.catalogue = catalogue;
        this.repositories = repositories;
        this.properties = properties;
    }

    /**
     * One outcome per document, in order. namespace: the request's (documents naming another one fail), or null
     * for each document's own. check: whether the caller may add the item, in its namespace and from its registry source (a refusal fails it).
     */
    public List<ApplyOutcome> apply(List<ParsedDocument> documents, String namespace, Catalogue.AddCheck check) {
        if (documents.size() > properties.maxBatchSize()) {
            throw ValidationException.of("documents", "must be at most " + properties.maxBatchSize() + ", not "
                    + documents.size());
        }
        ApplyOutcome[] outcomes = new ApplyOutcome[documents.size()];
        Set<String> seen = new HashSet<>();
        List<Integer> adds = new ArrayList<>();
        List<AddRepositoryCommand> addCommands = new ArrayList<>();
        List<Integer> edits = new ArrayList<>();
        List<AddRepositoryCommand> editCommands = new ArrayList<>();
        List<Long> editVersions = new ArrayList<>();
        for (int i = 0; i < documents.size(); i++) {
            ParsedDocument document = documents.get(i);
            AddRepositoryCommand command;
            try {
                command = RepositoryResources.toCommand(ResourceReader.read(document), document, namespace);
            } catch (MalformedDocumentException e) {
                RepositoryRef named = ResourceReader.namesOf(document);
                outcomes[i] = failed(document.index(), namespace != null ? namespace : named.namespace(),
                                     named.name(), e);
                continue;
            }
            try {
                Optional<RepositoryView> existing = plan(command, check, seen);
                if (existing.isEmpty()) {
                    adds.add(i);
                    addCommands.add(command);
                } else if (changes(command, existing.get())) {
                    edits.add(i);
                    editCommands.add(command);
                    editVersions.add(existing.get().version());
                } else {
                    outcomes[i] = outcome(document.index(), command, ApplyOutcome.Result.UNCHANGED);
                }
            } catch (GatewayException e) {
                outcomes[i] = failed(document.index(), command.namespace(), command.name(), e);
            }
        }
        List<ItemOutcome> added = addCommands.isEmpty() ? List.of() : catalogue.addAll(addCommands, c -> null);
        for (int k = 0; k < adds.size(); k++) {
            int i = adds.get(k);
            outcomes[i] = added.get(k).ok()
                    ? outcome(documents.get(i).index(), addCommands.get(k), ApplyOutcome.Result.CREATED)
                    : failed(documents.get(i).index(), addCommands.get(k).namespace(), addCommands.get(k).name(),
                             added.get(k).error());
        }
        for (int k = 0; k < edits.size(); k++) {
            int i = edits.get(k);
            AddRepositoryCommand c = editCommands.get(k);
            try {
                catalogue.edit(c.namespace(), c.name(), c.displayName(), c.description(), editVersions.get(k));
                outcomes[i] = outcome(documents.get(i).index(), c, ApplyOutcome.Result.UPDATED);
            } catch (GatewayException e) {
                outcomes[i] = failed(documents.get(i).index(), c.namespace(), c.name(), e);
            }
        }
        return Arrays.asList(outcomes);
    }

    /** Checks an item and finds the repository it names; throws its refusal. */
    private Optional<RepositoryView> plan(AddRepositoryCommand command, Catalogue.AddCheck check, Set<String> seen) {
        if (command.namespace() != null && !command.namespace().isBlank()) {
            GatewayException refused = check.refusal(command);
            if (refused != null) {
                throw refused;
            }
        }
        AddRepositoryCommand wanted = RepositoryRules.checkAdd(command);
        if (!seen.add(wanted.namespace() + "/" + wanted.name())) {
            throw new DuplicateInBatchException(wanted.namespace(), wanted.name());
        }
        Optional<RepositoryView> existing = repositories.find(wanted.namespace(), wanted.name());
        existing.ifPresent(view -> conflicts(command, wanted, view));
        return existing;
    }

    /** CONFLICT when the document differs from the repository in a field that cannot change. */
    private static void conflicts(AddRepositoryCommand given, AddRepositoryCommand wanted, RepositoryView existing) {
        List<Violation> differences = new ArrayList<>();
        differ(differences, "spec.registryRef", existing.registry().namespace() + "/" + existing.registry().name(),
               wanted.registry().namespace() + "/" + wanted.registry().name());
        differ(differences, "spec.repository", existing.repository(), wanted.repository());
        differ(differences, "spec.tag", existing.tag(), wanted.tag());
        if (given.syncInterval() != null) {
            differ(differences, "spec.syncInterval", existing.syncInterval(), wanted.syncInterval());
        }
        if (given.syncTimeout() != null) {
            differ(differences, "spec.syncTimeout", existing.syncTimeout(), wanted.syncTimeout());
        }
        if (given.retryCount() != null) {
            differ(differences, "spec.retryCount", String.valueOf(existing.retryCount()),
                   String.valueOf(wanted.retryCount()));
        }
        if (!differences.isEmpty()) {
            throw new ApplyConflictException(existing.namespace(), existing.name(), differences);
        }
    }

    private static void differ(List<Violation> differences, String field, String existing, String wanted) {
        if (!Objects.equals(existing, wanted)) {
            differences.add(new Violation(field, "is \"" + existing + "\" and cannot change; the document says \""
                    + wanted + "\""));
        }
    }

    /** Whether the document's annotations change the display name or description. */
    private static boolean changes(AddRepositoryCommand c, RepositoryView existing) {
        return c.displayName() != null && !c.displayName().equals(Objects.toString(existing.displayName(), ""))
                || c.description() != null && !c.description().equals(Objects.toString(existing.description(), ""));
    }

    private static ApplyOutcome outcome(int index, AddRepositoryCommand c, ApplyOutcome.Result result) {
        return new ApplyOutcome(index, c.namespace(), c.name(), result, null);
    }

    private static ApplyOutcome failed(int index, String namespace, String name, GatewayException error) {
        return new ApplyOutcome(index, Objects.toString(namespace, ""), Objects.toString(name, ""),
                                ApplyOutcome.Result.FAILED, ResourceFields.translate(error));
    }
}
