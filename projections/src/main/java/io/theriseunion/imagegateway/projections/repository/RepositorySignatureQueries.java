package io.theriseunion.imagegateway.projections.repository;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Whether a signature of each repository's current digest is known ({@code repository_view.signed}, written by the
 * catalogue projection from {@code SyncSucceededEvent.signed}), for a page of repositories in one query.
 */
@Component
public class RepositorySignatureQueries {

    private final NamedParameterJdbcTemplate jdbc;

    public RepositorySignatureQueries(JdbcTemplate jdbc) {
        this.jdbc = new NamedParameterJdbcTemplate(jdbc);
    }

    /** By repository id: TRUE signed, FALSE no signature found; ids unknown or not yet checked are absent. */
    public Map<String, Boolean> signed(Collection<String> repositoryIds) {
        Map<String, Boolean> answers = new HashMap<>();
        if (repositoryIds.isEmpty()) {
            return answers;
        }
        jdbc.query("select repository_id, signed from repository_view where repository_id in (:ids)"
                           + " and signed is not null", Map.of("ids", repositoryIds),
                   rs -> {
                       answers.put(rs.getString("repository_id"), rs.getBoolean("signed"));
                   });
        return answers;
    }
}
