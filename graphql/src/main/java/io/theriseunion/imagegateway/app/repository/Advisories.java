package io.theriseunion.imagegateway.app.repository;

import io.theriseunion.imagegateway.domain.api.GoDuration;
import io.theriseunion.imagegateway.projections.repository.RepositoryView;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The product document's best practices checked against a repository as the catalogue stores it, with no registry
 * request: a mutable tag, a repository not successfully synced for 3 intervals, an image without a known signature.
 * The rules are those of advisories.graphqls.
 */
public final class Advisories {

    /** Intervals without a success after which a repository is STALE. */
    public static final int STALE_INTERVALS = 3;
    /** A digit at the start or after a leading v (v1, 1.25-alpine), or two digit groups joined (2024-01-08, 1.2). */
    private static final Pattern VERSION_LIKE = Pattern.compile("^[vV]?\\d.*|.*\\d+[._-]\\d+.*");

    private Advisories() {
    }

    /** Whether the tag names a version or a date (see AdvisoryCode.MUTABLE_TAG); latest never does. */
    public static boolean versionLike(String tag) {
        return tag != null && !tag.equalsIgnoreCase("latest") && VERSION_LIKE.matcher(tag).matches();
    }

    /**
     * The advice for a repository now, most severe first. signed: whether a signature of its digest is known
     * (null: not checked).
     */
    public static List<Advisory> of(RepositoryView r, Boolean signed, Instant now) {
        List<Advisory> advice = new ArrayList<>();
        Duration interval = GoDuration.parse(r.syncInterval());
        Instant since = r.lastSynced() != null ? r.lastSynced() : r.createdAt();
        if (interval != null && since != null && since.plus(interval.multipliedBy(STALE_INTERVALS)).isBefore(now)) {
            advice.add(new Advisory(Advisory.Code.STALE, (r.lastSynced() == null
                    ? "never synced successfully since it was added at " + since
                    : "not synced successfully since " + since) + ", more than " + STALE_INTERVALS
                    + " sync intervals of " + r.syncInterval() + "; see its lastError and its registry source's health",
                                    Advisory.Severity.WARNING));
        }
        if (!versionLike(r.tag())) {
            advice.add(new Advisory(Advisory.Code.MUTABLE_TAG, "the tag \"" + r.tag() + "\" is "
                    + ("latest".equalsIgnoreCase(r.tag()) ? "latest" : "not a version") + " and may move to another"
                    + " image at any time; track a version tag (e.g. v1.2.3) so that what runs is what was reviewed",
                                    Advisory.Severity.INFO));
        }
        if (Boolean.FALSE.equals(signed) && r.digest() != null) {
            advice.add(new Advisory(Advisory.Code.UNSIGNED, "no signature of " + r.digest() + " was found (neither"
                    + " cosign's " + "sha256-<hex>.sig tag nor a signature referrer); sign images (cosign, notation)"
                    + " so that their origin can be verified", Advisory.Severity.INFO));
        }
        return advice;
    }
}
