package io.theriseunion.imagegateway.graphql.paging;

import io.theriseunion.imagegateway.domain.api.ValidationException;
import io.theriseunion.imagegateway.projections.NameCursor;

import java.util.List;

/** The rules every connection shares: how big a page may be, which cursors are valid, and page info. */
public final class Pages {

    private Pages() {
    }

    /** The page size asked for, or the default; VALIDATION_FAILED on "first" outside 0..max. */
    public static int size(Integer first, int defaultSize, int max) {
        int size = first == null ? defaultSize : first;
        if (size < 0 || size > max) {
            throw ValidationException.of("first", "must be between 0 and " + max);
        }
        return size;
    }

    /** The (namespace, name) cursor of a list, or null for the first page; VALIDATION_FAILED on foreign text. */
    public static NameCursor nameCursor(String after) {
        if (after == null) {
            return null;
        }
        NameCursor cursor = NameCursor.decode(after);
        if (cursor == null) {
            throw invalidCursor();
        }
        return cursor;
    }

    public static ValidationException invalidCursor() {
        return ValidationException.of("after", "is not a cursor of this list; pass a pageInfo.endCursor");
    }

    /** Page info of a forward-only page: hasPreviousPage says whether a cursor was given. */
    public static PageInfo info(List<String> cursors, boolean hasNextPage, String after) {
        return new PageInfo(hasNextPage, after != null,
                            cursors.isEmpty() ? null : cursors.get(0),
                            cursors.isEmpty() ? after : cursors.get(cursors.size() - 1));
    }
}
