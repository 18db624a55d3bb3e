package io.theriseunion.imagegateway.app.repository;

import io.theriseunion.imagegateway.domain.api.AddRepositoryCommand;
import io.theriseunion.imagegateway.domain.api.GatewayException;
import io.theriseunion.imagegateway.domain.api.RegistryRef;
import io.theriseunion.imagegateway.domain.api.RepositoryId;
import io.theriseunion.imagegateway.domain.api.RepositoryNotFoundException;
import io.theriseunion.imagegateway.domain.registry.RegistrySourceDirectory;
import io.theriseunion.imagegateway.domain.repository.RepositoryRules;
import io.theriseunion.imagegateway.projections.repository.RepositoryCatalogueQueries;
import io.theriseunion.imagegateway.projections.repository.RepositoryView;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Applies Repository documents, as {@code kubectl apply} does, for the GraphQL mutation {@code applyRepositories}
 * and the REST API: a repository that does not exist is added; one that exists gets the display name and
 * description the document gives (an absent annotation leaves it as it is, an empty one clears it) and the sync
 * settings it gives (syncInterval, syncTimeout, retryCount; one it leaves out stays as it is, as with
 * {@code editRepositorySyncPolicy}); a document that differs from the existing repository in a field that cannot
 * change (registry, repository path, tag) is a CONFLICT ({@link RepositoryRules#checkRestatement}). Every rule is
 * checked before anything is sent; an add is one command, an edit one command for the metadata and one for the
 * sync settings (each only when it changes something), the second expecting the version the first left, so a
 * concurrent writer between them fails the item with CONFLICT. Items succeed or fail on their own. The batch rules (its size cap, first document wins) are the
 * catalogue's ({@link Catalogue#batch}).
 */
@Service
public class RepositoryApply {

    private final Catalogue catalogue;
    private final RepositoryCatalogueQueries repositories;
    private final RegistrySourceDirectory sources;
    private final SyncPolicies syncPolicies;

    public RepositoryApply(Catalogue catalogue, RepositoryCatalogueQueries repositories,
                           RegistrySourceDirectory sources, SyncPolicies syncPolicies) {
        this.catalogue = catalogue;
        this.repositories = repositories;
        this.sources = sources;
        this.syncPolicies = syncPolicies;
    }

    /**
     * One outcome per document, in order. namespace: the request's (documents naming another one fail), or null
     * for each document's own. check: whether the caller may add the item, in its namespace and from its registry source (a refusal fails it).
     * A first pass plans each document (add, edit, unchanged or failed), a second carries the plan out: the adds
     * together, several at a time, then the edits one by one.
     */
    public List<ApplyOutcome> apply(List<ParsedDocument> documents, String namespace, Catalogue.AddCheck check) {
        return apply(documents, namespace, check, false, ref -> false);
    }

    /**
     * As {@link #apply(List, String, Catalogue.AddCheck)}; with dryRun the plan is made exactly the same way and
     * its outcomes reported without carrying it out: no command, no event, no audit entry. What the commands
     * themselves would still refuse is checked here instead (the registry source must exist, or be one the same
     * dry run adds: sourceAdded). Only races with other writers can make the real apply differ.
     */
    public List<ApplyOutcome> apply(List<ParsedDocument> documents, String namespace, Catalogue.AddCheck check,
                                    boolean dryRun, Predicate<RegistryRef> sourceAdded) {
        Catalogue.Batch batch = catalogue.batch(documents.size(), "documents", Catalogue.Batch.Wording.COUNT);
        List<Step> plan = new ArrayList<>(documents.size());
        for (ParsedDocument document : documents) {
            plan.add(plan(document, namespace, check, batch));
        }
        if (dryRun) {
            return plan.stream().map(step -> dryRun(step, sourceAdded)).toList();
        }
        List<AddRepositoryCommand> adds = plan.stream().filter(step -> step.kind() == Kind.ADD)
                                              .map(Step::command).toList();
        Iterator<ItemOutcome> added = (adds.isEmpty() ? List.<ItemOutcome>of() : catalogue.addChecked(adds))
                .iterator();
        List<ApplyOutcome> outcomes = new ArrayList<>(plan.size());
        for (Step step : plan) {
            outcomes.add(switch (step.kind()) {
                case ADD -> {
                    ItemOutcome outcome = added.next();
                    yield outcome.ok() ? step.outcome(ApplyOutcome.Result.CREATED) : step.failed(outcome.error());
                }
                case EDIT -> edit(step);
                case UNCHANGED -> step.outcome(ApplyOutcome.Result.UNCHANGED);
                case FAILED -> step.failed(step.error());
            });
        }
        return outcomes;
    }

    /** What one document will do. */
    private enum Kind { ADD, EDIT, UNCHANGED, FAILED }

    /**
     * One document's plan: its position (index), its command (null when the document could not be read), what it
     * will do, the version an edit expects (the one it was planned against) and, when it failed, why.
     */
    private record Step(int index, String namespace, String name, Kind kind, AddRepositoryCommand command,
                        Long expectedVersion, GatewayException error) {

        static Step of(int index, AddRepositoryCommand command, Kind kind, Long expectedVersion) {
            return new Step(index, command.namespace(), command.name(), kind, command, expectedVersion, null);
        }

        static Step failing(int index, String namespace, String name, GatewayException error) {
            return new Step(index, namespace, name, Kind.FAILED, null, null, error);
        }

        ApplyOutcome outcome(ApplyOutcome.Result result) {
            return new ApplyOutcome(index, RepositoryResource.KIND, namespace, name, result, null);
        }

        ApplyOutcome failed(GatewayException error) {
            return new ApplyOutcome(index, RepositoryResource.KIND, Objects.toString(namespace, ""),
                                    Objects.toString(name, ""),
                                    ApplyOutcome.Result.FAILED, ResourceFields.translate(error));
        }
    }

    /**
     * Reads a document, checks it (the caller's refusal, the input rules, the batch's first-wins rule, and for a
     * repository that exists the fields that cannot change) and decides what it will do.
     */
    private Step plan(ParsedDocument document, String namespace, Catalogue.AddCheck check, Catalogue.Batch batch) {
        AddRepositoryCommand command;
        try {
            command = RepositoryResources.toCommand(ResourceReader.read(document), document, namespace);
        } catch (MalformedDocumentException e) {
            RepositoryRef named = ResourceReader.namesOf(document);
            return Step.failing(document.index(), namespace != null ? namespace : named.namespace(), named.name(), e);
        }
        try {
            if (command.namespace() != null && !command.namespace().isBlank()) {
                refuse(check.refusal(command));
            }
            AddRepositoryCommand wanted = RepositoryRules.checkAdd(command);
            refuse(batch.claim(wanted.namespace(), wanted.name()));
            Optional<RepositoryView> existing = repositories.find(wanted.namespace(), wanted.name());
            if (existing.isEmpty()) {
                return Step.of(document.index(), command, Kind.ADD, null);
            }
            AddRepositoryCommand restated = RepositoryRules.checkRestatement(definition(existing.get()), command);
            return changesMetadata(command, existing.get()) || changesSyncPolicy(command, restated, existing.get())
                    ? Step.of(document.index(), command, Kind.EDIT, existing.get().version())
                    : Step.of(document.index(), command, Kind.UNCHANGED, null);
        } catch (GatewayException e) {
            return Step.failing(document.index(), command.namespace(), command.name(), e);
        }
    }

    /** What carrying out the step would report, checked as its command would check it. */
    private ApplyOutcome dryRun(Step step, Predicate<RegistryRef> sourceAdded) {
        AddRepositoryCommand c = step.command();
        return switch (step.kind()) {
            case ADD -> sources.exists(c.registry()) || sourceAdded.test(c.registry())
                    ? step.outcome(ApplyOutcome.Result.CREATED) : step.failed(RepositoryRules.unknownSource(c.registry()));
            case EDIT -> {
                try {
                    RepositoryRules.checkMetadata(c.displayName(), c.description());
                    yield step.outcome(ApplyOutcome.Result.UPDATED);
                } catch (GatewayException e) {
                    yield step.failed(e);
                }
            }
            case UNCHANGED -> step.outcome(ApplyOutcome.Result.UNCHANGED);
            case FAILED -> step.failed(step.error());
        };
    }

    private ApplyOutcome edit(Step step) {
        AddRepositoryCommand c = step.command();
        try {
            RepositoryView existing = repositories.find(c.namespace(), c.name())
                                                  .orElseThrow(() -> new RepositoryNotFoundException(c.namespace(), c.name()));
            Long version = step.expectedVersion();
            if (changesMetadata(c, existing)) {
                version = catalogue.edit(c.namespace(), c.name(), c.displayName(), c.description(), version).version();
            }
            if (changesSyncPolicy(c, RepositoryRules.checkAdd(c), existing)) {
                syncPolicies.edit(c.namespace(), c.name(), c.syncInterval(), c.syncTimeout(), c.retryCount(), version);
            }
            return step.outcome(ApplyOutcome.Result.UPDATED);
        } catch (GatewayException e) {
            return step.failed(e);
        }
    }

    private static void refuse(GatewayException refusal) {
        if (refusal != null) {
            throw refusal;
        }
    }

    /** The existing repository's definition, as the add that would restate it. */
    private static AddRepositoryCommand definition(RepositoryView existing) {
        return new AddRepositoryCommand(new RepositoryId(existing.id()), existing.namespace(), existing.name(),
                                        existing.displayName(), existing.description(), existing.registry(),
                                        existing.repository(), existing.tag(), existing.syncInterval(),
                                        existing.syncTimeout(), existing.retryCount());
    }

    /**
     * Whether the document changes a sync setting it gives (restated: the same document checked, its settings in
     * canonical form, so 60m restates 1h).
     */
    private static boolean changesSyncPolicy(AddRepositoryCommand c, AddRepositoryCommand restated,
                                             RepositoryView existing) {
        return c.syncInterval() != null && !restated.syncInterval().equals(existing.syncInterval())
                || c.syncTimeout() != null && !restated.syncTimeout().equals(existing.syncTimeout())
                || c.retryCount() != null && restated.retryCount() != existing.retryCount();
    }

    /** Whether the document's annotations change the display name or description. */
    private static boolean changesMetadata(AddRepositoryCommand c, RepositoryView existing) {
        return c.displayName() != null && !c.displayName().equals(Objects.toString(existing.displayName(), ""))
                || c.description() != null && !c.description().equals(Objects.toString(existing.description(), ""));
    }
}
