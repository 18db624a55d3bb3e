package io.theriseunion.imagegateway.app.live;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What a follower of a catalogue read is sent first: from the first change the read may be missing, all since. */
class RecentLiveChangesTests {

    private static final String HERE = "this-start";

    @Test
    void aReadOnThisNodeMissesWhatWasToldAfterItOrNotYetApplied() {
        RecentLiveChanges recent = new RecentLiveChanges(10);
        recent.add("a applied", 10);
        recent.add("b told, not applied", 12);
        recent.add("check of c", -1);
        LivePoint read = new LivePoint(HERE, recent.count(), 11);
        recent.add("d", 13);

        assertThat(recent.after(read, HERE, String.class, s -> true))
                .containsExactly("b told, not applied", "check of c", "d");
        // the same read on another start of the gateway: its count means nothing here, the catalogue's position does
        assertThat(recent.after(new LivePoint("another", 0, 12), HERE, String.class, s -> true)).containsExactly("d");
        assertThat(recent.after(read, HERE, String.class, s -> s.startsWith("d"))).containsExactly("d");
        assertThat(recent.after(read, HERE, Integer.class, i -> true)).isEmpty();
    }

    @Test
    void aReadWhoseMissedChangesAreNoLongerKeptIsRefused() {
        RecentLiveChanges recent = new RecentLiveChanges(2);
        LivePoint read = new LivePoint(HERE, recent.count(), 5);
        recent.add("one", 6);
        recent.add("two", 7);
        assertThat(recent.after(read, HERE, String.class, s -> true)).containsExactly("one", "two");

        recent.add("three", 8);

        assertThat(recent.after(read, HERE, String.class, s -> true)).isNull();
        assertThat(recent.after(new LivePoint("another", 0, 5), HERE, String.class, s -> true)).isNull();
        assertThat(recent.after(new LivePoint(HERE, 1, 6), HERE, String.class, s -> true)).containsExactly("two", "three");
    }
}
