package io.theriseunion.imagegateway.app.repository;

import io.theriseunion.imagegateway.app.registrysource.RegistrySources;
import io.theriseunion.imagegateway.domain.api.AddRegistrySourceCommand;
import io.theriseunion.imagegateway.domain.api.GatewayException;
import io.theriseunion.imagegateway.domain.api.RegistryRef;
import io.theriseunion.imagegateway.domain.api.RegistrySourceId;
import io.theriseunion.imagegateway.domain.api.RegistrySourceSettings;
import io.theriseunion.imagegateway.domain.api.UpdateRegistrySourceCommand;
import io.theriseunion.imagegateway.domain.api.ValidationException;
import io.theriseunion.imagegateway.domain.registry.RegistrySourceRules;
import io.theriseunion.imagegateway.projections.registry.RegistryCatalogueQueries;
import io.theriseunion.imagegateway.projections.registry.RegistryView;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Applies RegistrySource documents, one by one in order: a source that does not exist is added (without
 * credentials); one that exists gets the settings the document gives (a field left out keeps its value, an empty
 * description, username or caCertificate clears it) through the same command as updateRegistry, and is UNCHANGED
 * when that changes nothing. Credentials are never touched: a stored password stays (also when the username
 * changes, as with updateRegistry). Each document is checked first (the caller's role, its fields, the batch's
 * first-wins rule) and the plan decided in {@link #plan}; a dry run reports the plan without carrying it out.
 */
@Service
public class RegistrySourceApply {

    /** The caller's right to manage sources in a namespace: the refusal, or null. */
    @FunctionalInterface
    public interface ManageCheck {
        GatewayException refusal(String namespace, String name);
    }

    private final RegistrySources sources;
    private final RegistryCatalogueQueries registries;

    public RegistrySourceApply(RegistrySources sources, RegistryCatalogueQueries registries) {
        this.sources = sources;
        this.registries = registries;
    }

    /** The outcomes in document order, and (in the plan) the sources the apply adds, with whether they are shared. */
    public record Applied(List<ApplyOutcome> outcomes, Map<RegistryRef, Boolean> added) {
    }

    public Applied apply(List<ParsedDocument> documents, String namespace, ManageCheck check, boolean dryRun) {
        Set<String> claimed = new HashSet<>();
        List<ApplyOutcome> outcomes = new ArrayList<>(documents.size());
        Map<RegistryRef, Boolean> added = new java.util.LinkedHashMap<>();
        for (ParsedDocument document : documents) {
            Step step = plan(document, namespace, check, claimed);
            if (step.add() != null) {
                added.put(new RegistryRef(step.namespace(), step.name()), Boolean.TRUE.equals(step.add().shared()));
            }
            outcomes.add(dryRun ? step.outcome() : carryOut(step));
        }
        return new Applied(outcomes, added);
    }

    /** One document's plan: an add, an update, nothing (UNCHANGED), or its failure. */
    private record Step(int index, String namespace, String name, AddRegistrySourceCommand add,
                        UpdateRegistrySourceCommand update, GatewayException error) {

        ApplyOutcome outcome() {
            ApplyOutcome.Result result = error != null ? ApplyOutcome.Result.FAILED
                    : add != null ? ApplyOutcome.Result.CREATED
                    : update != null ? ApplyOutcome.Result.UPDATED : ApplyOutcome.Result.UNCHANGED;
            return new ApplyOutcome(index, RegistrySourceResource.KIND, Objects.toString(namespace, ""),
                                    Objects.toString(name, ""), result,
                                    error == null ? null : RegistrySourceDocuments.translate(error));
        }

        Step failing(GatewayException e) {
            return new Step(index, namespace, name, null, null, e);
        }
    }

    /** The one place that decides what a document does to its source. */
    private Step plan(ParsedDocument document, String namespace, ManageCheck check, Set<String> claimed) {
        RepositoryRef named = ResourceReader.namesOf(document);
        Step step = new Step(document.index(), namespace != null ? namespace : named.namespace(), named.name(), null,
                             null, null);
        RegistrySourceResource r;
        try {
            r = RegistrySourceDocuments.read(document, namespace);
        } catch (GatewayException e) {
            return step.failing(e);
        }
        String ns = r.metadata().namespace();
        String name = r.metadata().name();
        try {
            if (ns == null || ns.isBlank() || name == null || name.isBlank()) {
                throw ValidationException.of(ns == null || ns.isBlank() ? "namespace" : "name", "is required");
            }
            GatewayException refused = check.refusal(ns, name);
            if (refused != null) {
                return step.failing(refused);
            }
            if (!claimed.add(ns + "/" + name)) {
                return step.failing(new DuplicateInBatchException("registry source", ns, name));
            }
            RegistrySourceResource.Spec s = r.spec() == null
                    ? new RegistrySourceResource.Spec(null, null, null, null, null, null, null) : r.spec();
            Optional<RegistryView> existing = registries.find(ns, name);
            RegistrySourceId id = RegistrySourceId.of(ns, name);
            if (existing.isEmpty()) {
                AddRegistrySourceCommand add = new AddRegistrySourceCommand(
                        id, ns, name, s.url(), s.insecure(), s.description(), s.username(), false, s.caCertificate(),
                        s.concurrencyLimit(), s.shared());
                RegistrySourceRules.checkAdd(add);
                return new Step(step.index(), ns, name, add, null, null);
            }
            UpdateRegistrySourceCommand update = new UpdateRegistrySourceCommand(
                    id, s.url(), s.insecure(), s.description(), s.username(), false, false, s.caCertificate(),
                    s.concurrencyLimit(), s.shared());
            RegistrySourceSettings current = settings(existing.get());
            boolean changes = !RegistrySourceRules.checkUpdate(current, update).equals(current);
            return new Step(step.index(), ns, name, null, changes ? update : null, null);
        } catch (GatewayException e) {
            return new Step(step.index(), ns, name, null, null, e);
        }
    }

    private ApplyOutcome carryOut(Step step) {
        try {
            if (step.add() != null) {
                sources.add(step.add(), null);
            } else if (step.update() != null) {
                sources.update(step.update(), step.namespace(), step.name(), null);
            }
            return step.outcome();
        } catch (GatewayException e) {
            return step.failing(e).outcome();
        }
    }

    private static RegistrySourceSettings settings(RegistryView v) {
        return new RegistrySourceSettings(v.url(), v.insecure(), v.description(), v.username(), v.caCertificate(),
                                          v.concurrencyLimit(), v.shared());
    }
}
