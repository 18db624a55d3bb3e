import type { ApolloCache } from '@apollo/client';
import { RegistryHealthFieldsFragmentDoc, type RegistryHealthChangedSubscription } from '../../gql/graphql';

type HealthEvent = RegistryHealthChangedSubscription['registryHealthChanged'];

/**
 * A pushed health change into the cached source (the 镜像源 rows read it from there; nothing is fetched): the
 * source as the gateway showed it after the change (health, detail, last check, unavailable since, rate limit),
 * or, when the event comes without it (the source was removed meanwhile), the event's own health and detail on a
 * row that is still cached. A source the cache does not hold is left alone: it is not on the screen.
 */
export function applyRegistryHealthEvent(cache: ApolloCache, event: HealthEvent) {
  const id = cache.identify({ __typename: 'Registry', namespace: event.namespace, name: event.name });
  if (!id) return;
  if (event.registry) {
    const cached = cache.readFragment({ id, fragment: RegistryHealthFieldsFragmentDoc });
    if (cached) {
      cache.writeFragment({ id, fragment: RegistryHealthFieldsFragmentDoc, data: event.registry });
    }
    return;
  }
  cache.modify({
    id,
    fields: {
      health: () => event.health,
      healthDetail: () => event.healthDetail ?? null,
    },
  });
}
