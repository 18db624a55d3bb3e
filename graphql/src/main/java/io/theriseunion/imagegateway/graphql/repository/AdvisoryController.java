package io.theriseunion.imagegateway.graphql.repository;

import io.theriseunion.imagegateway.app.repository.Advisories;
import io.theriseunion.imagegateway.app.repository.Advisory;
import io.theriseunion.imagegateway.projections.repository.RepositoryCatalogueQueries;
import io.theriseunion.imagegateway.projections.repository.RepositoryView;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.stereotype.Controller;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code Repository.advisories}, for a page of repositories in one query. */
@Controller
public class AdvisoryController {

    private final RepositoryCatalogueQueries repositories;
    private final Clock clock = Clock.systemUTC();

    public AdvisoryController(RepositoryCatalogueQueries repositories) {
        this.repositories = repositories;
    }

    @BatchMapping(typeName = "Repository")
    public Map<RepositoryView, List<Advisory>> advisories(List<RepositoryView> page) {
        Map<String, Boolean> signed = repositories.listSignatures(page.stream().map(RepositoryView::id).distinct()
                                                                      .toList());
        Instant now = clock.instant();
        Map<RepositoryView, List<Advisory>> answers = new LinkedHashMap<>();
        for (RepositoryView r : page) {
            answers.put(r, Advisories.of(r, signed.get(r.id()), now));
        }
        return answers;
    }
}
