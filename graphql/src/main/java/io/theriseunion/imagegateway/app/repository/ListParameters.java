package io.theriseunion.imagegateway.app.repository;

import io.theriseunion.imagegateway.domain.api.SyncStatus;
import io.theriseunion.imagegateway.projections.NameCursor;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The query parameters of a list, checked: {@code limit} (1 to the largest page, default 50), {@code continue}
 * (the token of the previous page), {@code syncStatus} (Pending, Syncing, Success, Failed; repeated or
 * comma-separated). A bad one is a 400 naming the parameter.
 */
final class ListParameters {

    static final int DEFAULT_LIMIT = 50;

    private ListParameters() {
    }

    static int limit(String text, int max) {
        if (text == null || text.isBlank()) {
            return Math.min(DEFAULT_LIMIT, max);
        }
        try {
            int limit = Integer.parseInt(text.trim());
            if (limit >= 1 && limit <= max) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new BadRequestException("limit", "must be a whole number from 1 to " + max + ", not \"" + text + "\"");
    }

    /** The position after which the page starts, or null for the first page. */
    static NameCursor after(String continueToken) {
        if (continueToken == null || continueToken.isEmpty()) {
            return null;
        }
        NameCursor cursor = NameCursor.decode(continueToken);
        if (cursor == null) {
            throw new BadRequestException("continue", "is not a token of this list; pass the metadata.continue of"
                    + " the previous page");
        }
        return cursor;
    }

    static Set<SyncStatus> statuses(List<String> values) {
        Set<SyncStatus> statuses = EnumSet.noneOf(SyncStatus.class);
        if (values == null) {
            return statuses;
        }
        for (String value : values.stream().flatMap(v -> Arrays.stream(v.split(","))).map(String::trim)
                                  .filter(v -> !v.isEmpty()).toList()) {
            try {
                statuses.add(SyncStatus.valueOf(value.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new BadRequestException("syncStatus", "must be Pending, Syncing, Success or Failed, not \""
                        + value + "\"");
            }
        }
        return statuses;
    }

    static String search(String text) {
        return text == null || text.isEmpty() ? null : text;
    }
}
