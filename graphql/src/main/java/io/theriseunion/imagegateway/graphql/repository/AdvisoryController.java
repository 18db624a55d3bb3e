package io.theriseunion.imagegateway.graphql.repository;

import io.theriseunion.imagegateway.app.repository.Advisories;
import io.theriseunion.imagegateway.app.repository.Advisory;
import io.theriseunion.imagegateway.projections.repository.RepositorySignatureQueries;
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

    private final RepositorySignatureQueries signatures;
    private final Clock clock = Clock.systemUTC();

    public AdvisoryController(RepositorySignatureQueries signatures) {
        this.signatures = signatures;
    }

    @BatchMapping(typeName = "Repository")
    public Map<RepositoryView, List<Advisory>> advisories(List<RepositoryView> repositories) {
        Map<String, Boolean> signed = signatures.signed(repositories.stream().map(RepositoryView::id).distinct()
                                                                    .toList());
        Instant now = clock.instant();
        Map<RepositoryView, List<Advisory>> answers = new LinkedHashMap<>();
        for (RepositoryView r : repositories) {
            answers.put(r, Advisories.of(r, signed.get(r.id()), now));
        }
        return answers;
    }
}
