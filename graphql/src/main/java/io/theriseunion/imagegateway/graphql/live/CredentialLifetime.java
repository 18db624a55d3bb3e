package io.theriseunion.imagegateway.graphql.live;

import io.theriseunion.imagegateway.app.access.Caller;
import io.theriseunion.imagegateway.app.access.UnauthenticatedException;
import io.theriseunion.imagegateway.app.live.LiveUpdates;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.time.Instant;

/**
 * A subscription lives as long as its subscriber's credentials: it ends with UNAUTHENTICATED once the API token
 * is revoked (seen within the event store's polling delay, on every node) or the JWT expires. Applied to each
 * subscriber, never to an execution that several subscribers share.
 */
@Component
class CredentialLifetime {

    private final LiveUpdates live;

    CredentialLifetime(LiveUpdates live) {
        this.live = live;
    }

    <T> Flux<T> whileValid(Caller caller, Flux<T> events) {
        if (caller == null) {
            return events;
        }
        Flux<T> end = Flux.empty();
        if (caller.apiToken() != null) {
            end = live.revocationOf(caller.apiToken())
                      .flatMap(revoked -> Mono.error(new UnauthenticatedException("the API token \"" + revoked
                              + "\" was revoked; this subscription has ended")));
        }
        if (caller.expiresAt() != null) {
            Duration left = Duration.between(Instant.now(), caller.expiresAt());
            end = end.mergeWith(Mono.delay(left.isNegative() ? Duration.ZERO : left)
                                    .flatMap(x -> Mono.error(new UnauthenticatedException("the access token expired;"
                                            + " subscribe again with a new one"))));
        }
        return caller.apiToken() == null && caller.expiresAt() == null ? events : events.mergeWith(end);
    }
}
