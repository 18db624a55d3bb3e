package io.theriseunion.imagegateway.registry;

import java.util.List;

/**
 * One page of names read from a registry (repositories of its catalogue, or tags of a repository), in the
 * registry's lexical order.
 *
 * @param names       at most the number asked for
 * @param hasNextPage whether the registry has more names after {@code endCursor}
 * @param endCursor   the last name this page examined (returned or skipped by the filter), to pass as
 *                    {@code after} for the next page; {@code null} when nothing was examined
 */
public record NamePage(List<String> names, boolean hasNextPage, String endCursor) {

    public NamePage {
        names = List.copyOf(names);
    }
}
