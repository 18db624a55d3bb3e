import type { ApolloCache, FieldPolicy, Reference } from '@apollo/client';

type FieldPolicies = Record<string, FieldPolicy>;
import { chainPages, listKeyOf, placeInPages, type CachedPage } from './listPages';
import {
  RepositoryRowFragmentDoc,
  type OrderDirection,
  type RepositoryOrderField,
  type RepositoryChangedSubscription,
  type RepositoryRowFragment,
  type SyncStatus,
  type SyncStatusChangedSubscription,
} from '../../gql/graphql';

type RepositoryEvent = RepositoryChangedSubscription['repositoryChanged'];
type StatusEvent = SyncStatusChangedSubscription['syncStatusChanged'];

/**
 * How a screen is told of a live status. By default the cache's readers are (the row's syncStatus and lastSynced
 * fields are invalidated, so every query showing the repository reads it again): right for one repository's page.
 * `rowsWatch`: only who watches that repository's status (watchLiveStatus, useLiveStatus) is told, and the cached
 * lists are not read again: a list of 10,000 rows would otherwise be read again, and drawn again, for each event.
 * The subscription's own results are then not written into the cache either (no-cache): an ADDED or EDITED
 * repository is written here, a SYNCED one's status and time go to the live statuses only.
 */
export interface LiveOptions {
  rowsWatch?: boolean;
}

interface ListFilter {
  /** The page's cursor (each page of a list is a cache entry of its own: listPages.ts). */
  after?: string | null;
  namespace?: string | null;
  search?: string | null;
  syncStatus?: SyncStatus[] | null;
  orderBy?: { field: RepositoryOrderField; direction?: OrderDirection | null } | null;
}

interface StoredEdge {
  __typename?: string;
  cursor: string;
  node: Reference;
}

interface StoredConnection {
  edges?: StoredEdge[];
  pageInfo?: { hasNextPage?: boolean; endCursor?: string | null };
  totalCount?: number;
}

/** The filter a cached repositories list was read with, from its store field name ("repositories:{…}"). */
export function filterOf(storeFieldName: string, fieldName: string): ListFilter {
  const rest = storeFieldName.slice(fieldName.length);
  const start = rest.indexOf('{');
  if (start < 0) {
    return {};
  }
  try {
    return JSON.parse(rest.slice(start)) as ListFilter;
  } catch {
    return {};
  }
}

/** Whether a repository belongs in a list with this filter (the gateway's rules: search is a literal substring). */
export function matches(filter: ListFilter, repository: RepositoryRowFragment): boolean {
  if (filter.namespace && filter.namespace !== repository.namespace) {
    return false;
  }
  if (filter.syncStatus && filter.syncStatus.length > 0 && !filter.syncStatus.includes(repository.syncStatus)) {
    return false;
  }
  if (filter.search) {
    const needle = filter.search.toLowerCase();
    return [repository.name, repository.displayName ?? '', repository.image].some((text) =>
      text.toLowerCase().includes(needle),
    );
  }
  return true;
}

type Row = Pick<RepositoryRowFragment, 'namespace' | 'name' | 'syncStatus' | 'lastSynced'>;

function compareText(a: string, b: string) {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Where an added repository goes in a list of this order, as the gateway sorts (RepositoryOrder): negative when
 * `a` comes before `b`. CREATED: the added one is the newest (last ascending, first descending); LAST_SYNCED:
 * never synced comes last in both directions; every order breaks ties by namespace, then name.
 */
export function compareRows(order: ListFilter['orderBy'], a: Row & { added?: boolean }, b: Row & { added?: boolean }) {
  const descending = order?.direction === 'DESC';
  const ties = compareText(a.namespace, b.namespace) || compareText(a.name, b.name);
  let result: number;
  switch (order?.field) {
    case 'NAME':
      result = compareText(a.name, b.name) || compareText(a.namespace, b.namespace);
      break;
    case 'SYNC_STATUS':
      result = compareText(a.syncStatus, b.syncStatus) || ties;
      break;
    case 'LAST_SYNCED':
      if (!a.lastSynced !== !b.lastSynced) {
        return a.lastSynced ? -1 : 1;
      }
      result = compareText(a.lastSynced ?? '', b.lastSynced ?? '') || ties;
      break;
    case 'CREATED':
      result = a.added === b.added ? ties : a.added ? 1 : -1;
      break;
    default:
      result = ties;
  }
  return descending ? -result : result;
}

/** Every cached page of the repositories lists, grouped by list (filter and order), each in its order. */
function cachedLists(cache: ApolloCache) {
  const byList = new Map<string, { filter: ListFilter; pages: CachedPage<StoredEdge>[]; stored: Map<string, StoredConnection> }>();
  cache.modify<{ repositories: StoredConnection }>({
    id: 'ROOT_QUERY',
    broadcast: false,
    fields: {
      repositories(existing, { storeFieldName, fieldName }) {
        const connection = existing as StoredConnection;
        const filter = filterOf(storeFieldName, fieldName);
        const key = listKeyOf(filter as Record<string, unknown>);
        let list = byList.get(key);
        if (!list) {
          list = { filter, pages: [], stored: new Map() };
          byList.set(key, list);
        }
        list.pages.push({
          key: storeFieldName,
          after: filter.after ?? null,
          edges: connection.edges ?? [],
          hasNextPage: connection.pageInfo?.hasNextPage ?? false,
          endCursor: connection.pageInfo?.endCursor ?? null,
        });
        list.stored.set(storeFieldName, connection);
        return existing;
      },
    },
  });
  return [...byList.values()].map((list) => ({ ...list, ...chainPages(list.pages) }));
}

/** Writes the changed pages (by store field name) back; the other pages are not touched, nor read again. */
function writePages(cache: ApolloCache, changed: Map<string, StoredConnection>) {
  if (changed.size === 0) return;
  cache.modify<{ repositories: StoredConnection }>({
    id: 'ROOT_QUERY',
    fields: {
      repositories(existing, { storeFieldName }) {
        return changed.get(storeFieldName) ?? existing;
      },
    },
  });
}

/**
 * Takes a repository out of the lists `from` picks: out of the page that holds it, and out of the count of every
 * page of such a list (all pages of a list carry its count). Lists that never held it keep their count.
 */
function takeOut(cache: ApolloCache, id: string, from: (filter: ListFilter) => boolean) {
  const changed = new Map<string, StoredConnection>();
  for (const list of cachedLists(cache)) {
    if (!from(list.filter)) continue;
    const pages = [...list.chain, ...list.others];
    if (!pages.some((page) => page.edges.some((edge) => edge.node.__ref === id))) continue;
    for (const page of pages) {
      const stored = list.stored.get(page.key)!;
      const edges = page.edges.filter((edge) => edge.node.__ref !== id);
      changed.set(page.key, { ...stored, edges, totalCount: Math.max(0, (stored.totalCount ?? 1) - 1) });
    }
  }
  writePages(cache, changed);
}

/**
 * A repository event into every cached list, without refetching: an added repository goes into each list whose
 * filter it matches, at its place in the list's order (compareRows) in the page that holds that place, or only
 * into the count when that place is past the loaded pages; a deleted one leaves every list. Edits and sync results
 * need nothing here: the event's repository is written over the cached one by its key (namespace, name).
 */
export function applyRepositoryEvent(cache: ApolloCache, event: RepositoryEvent, options: LiveOptions = {}) {
  noteSnapshot(cache, event, options);
  if (options.rowsWatch && event.type === 'EDITED' && event.repository) {
    cache.writeFragment({ fragment: RepositoryRowFragmentDoc, data: event.repository });
  }
  if (event.type === 'ADDED' && event.repository) {
    const repository = event.repository;
    const ref = cache.writeFragment({ fragment: RepositoryRowFragmentDoc, data: repository });
    if (!ref) {
      return;
    }
    // a loaded row as the order compares it (its status through the live statuses: liveStatusFields)
    const rowOf = (node: Reference): Row => {
      const row = cache.readFragment({ id: node.__ref, fragment: RepositoryRowFragmentDoc });
      return {
        namespace: row?.namespace ?? '',
        name: row?.name ?? '',
        syncStatus: row?.syncStatus ?? 'PENDING',
        lastSynced: row?.lastSynced ?? null,
      };
    };
    const changed = new Map<string, StoredConnection>();
    for (const list of cachedLists(cache)) {
      if (!matches(list.filter, repository)) continue;
      const pages = [...list.chain, ...list.others];
      if (pages.some((page) => page.edges.some((edge) => edge.node.__ref === ref.__ref))) continue;
      const added = { ...repository, added: true };
      const place = placeInPages(list.chain, (edge) => compareRows(list.filter.orderBy, rowOf(edge.node), added) > 0);
      for (const page of pages) {
        const stored = list.stored.get(page.key)!;
        changed.set(page.key, { ...stored, totalCount: (stored.totalCount ?? 0) + 1 });
      }
      if (place) {
        const page = list.chain[place.page];
        const edge: StoredEdge = { __typename: 'RepositoryEdge', cursor: '', node: ref };
        changed.set(page.key, {
          ...changed.get(page.key)!,
          edges: [...page.edges.slice(0, place.at), edge, ...page.edges.slice(place.at)],
        });
      }
    }
    writePages(cache, changed);
  } else if (event.type === 'DELETED') {
    const id = cache.identify({ __typename: 'Repository', namespace: event.namespace, name: event.name });
    if (!id) {
      return;
    }
    takeOut(cache, id, () => true);
    cache.evict({ id });
    cache.gc();
  }
}

/** A re-count of one namespace and search: the total and how many of it are in each status. */
export interface ListCount {
  totalCount: number;
  statusCounts: Record<'pending' | 'syncing' | 'success' | 'failed', number>;
}

/**
 * Sets the count of every cached list of this namespace and search (with any status filter and order) to a fresh
 * re-count of it. A count kept by the live events alone can drift: the events a read may be missing are told again
 * to its followers, and an added repository that the read had already counted, on a page not loaded, cannot be told
 * from a new one here, so it would be counted twice.
 */
export function correctListCounts(
  cache: ApolloCache,
  where: { namespace?: string | null; search?: string | null },
  count: ListCount,
) {
  const changed = new Map<string, StoredConnection>();
  for (const list of cachedLists(cache)) {
    const filter = list.filter;
    if ((filter.namespace ?? null) !== (where.namespace ?? null) || (filter.search ?? null) !== (where.search ?? null)) {
      continue;
    }
    const statuses = filter.syncStatus ?? [];
    const totalCount =
      statuses.length === 0
        ? count.totalCount
        : statuses.reduce((sum, status) => sum + (count.statusCounts[statusKey(status)] ?? 0), 0);
    for (const [key, stored] of list.stored) {
      if (stored.totalCount !== undefined && stored.totalCount !== totalCount) {
        changed.set(key, { ...stored, totalCount });
      }
    }
  }
  writePages(cache, changed);
}

function statusKey(status: SyncStatus): keyof ListCount['statusCounts'] {
  return status.toLowerCase() as keyof ListCount['statusCounts'];
}

export interface LiveStatus {
  syncStatus: SyncStatus;
  lastSynced?: string | null;
  /** When the event that told it happened (the gateway's clock). */
  at: number;
}

const liveStatuses = new WeakMap<object, Map<string, LiveStatus>>();
const watchers = new WeakMap<object, Map<string, Set<() => void>>>();

/** The value `map` holds for `key`, made by `make` and kept there the first time it is asked for. */
function kept<K, V>(map: { get(key: K): V | undefined; set(key: K, value: V): unknown }, key: K, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = make();
    map.set(key, value);
  }
  return value;
}

const statusesOf = (cache: object) => kept(liveStatuses, cache, () => new Map<string, LiveStatus>());
const watchersOf = (cache: object) => kept(watchers, cache, () => new Map<string, Set<() => void>>());

/** The newest status the subscriptions told of this repository (unchanged object until it changes), if any. */
export function liveStatusOf(cache: object, namespace: string, name: string): LiveStatus | undefined {
  return statusesOf(cache).get(`${namespace}/${name}`);
}

/** Calls `told` whenever the repository's live status changes; returns the unwatch. */
export function watchLiveStatus(cache: object, namespace: string, name: string, told: () => void) {
  const key = `${namespace}/${name}`;
  const byKey = watchersOf(cache);
  const set = kept(byKey, key, () => new Set<() => void>());
  set.add(told);
  return () => {
    set.delete(told);
    if (set.size === 0 && byKey.get(key) === set) byKey.delete(key);
  };
}

function tell(cache: object, key: string) {
  watchersOf(cache)
    .get(key)
    ?.forEach((told) => told());
}

/**
 * The newest status each repository was seen in by the subscriptions, which wins over a snapshot written later
 * with an older one: a mutation's answer or an ADDED event's repository can be read before the sync that the
 * status events already told of (a first sync often ends before addRepository answers). Events of the two
 * subscriptions are ordered by their time (at): a status event older than what is known changes nothing.
 */
export const liveStatusFields: FieldPolicies = {
  syncStatus: {
    read(existing, { readField, cache }) {
      return statusesOf(cache).get(`${readField('namespace')}/${readField('name')}`)?.syncStatus ?? existing;
    },
  },
  lastSynced: {
    read(existing, { readField, cache }) {
      const live = statusesOf(cache).get(`${readField('namespace')}/${readField('name')}`);
      return live?.lastSynced !== undefined ? live.lastSynced : existing;
    },
  },
};

/** Forgets the live statuses (after the subscription's connection was lost: events may have been missed). */
export function forgetLiveStatuses(cache: ApolloCache) {
  statusesOf(cache).clear();
  watchersOf(cache).forEach((set) => set.forEach((told) => told()));
}

/** A repository event's snapshot as the live status, unless a status event told of something newer. */
function noteSnapshot(cache: ApolloCache, event: RepositoryEvent, options: LiveOptions) {
  const statuses = statusesOf(cache);
  const key = `${event.namespace}/${event.name}`;
  const at = Date.parse(event.at);
  if (!event.repository) {
    statuses.delete(key);
    tell(cache, key);
    return;
  }
  const known = statuses.get(key);
  // only when strictly newer: a sync's result comes as a status event and a SYNCED event of the same instant,
  // in either order, and the status event's status is the one to keep (the snapshot may be read a moment early)
  if (!known || at > known.at) {
    statuses.set(key, { syncStatus: event.repository.syncStatus, lastSynced: event.repository.lastSynced, at });
    tell(cache, key);
  }
  if (!options.rowsWatch) redraw(cache, event.namespace, event.name);
}

/** A status transition onto the repository, whether it is loaded yet or not. */
export function applySyncStatusEvent(cache: ApolloCache, event: StatusEvent, options: LiveOptions = {}) {
  const key = `${event.namespace}/${event.name}`;
  const statuses = statusesOf(cache);
  const at = Date.parse(event.at);
  const known = statuses.get(key);
  if (known && at < known.at) {
    return;
  }
  const lastSynced = event.syncStatus === 'SUCCESS' ? (event.syncRun?.finishedAt ?? event.at) : known?.lastSynced;
  statuses.set(key, { syncStatus: event.syncStatus, lastSynced, at });
  tell(cache, key);
  leaveStatusFilteredLists(cache, event.namespace, event.name, event.syncStatus);
  if (!options.rowsWatch) redraw(cache, event.namespace, event.name);
}

/**
 * A repository whose status no longer matches a status-filtered list (同步中 after the sync ended) leaves it, and
 * its count. One that comes into such a list's status is not added: it shows when the list is read again.
 */
function leaveStatusFilteredLists(cache: ApolloCache, namespace: string, name: string, status: SyncStatus) {
  const id = cache.identify({ __typename: 'Repository', namespace, name });
  if (!id) {
    return;
  }
  takeOut(cache, id, (filter) => !!filter.syncStatus && filter.syncStatus.length > 0 && !filter.syncStatus.includes(status));
}

/**
 * The row's status and sync time are read through the live statuses (liveStatusFields): after they changed, the
 * cache is told to read them again. Without it a row could keep showing what it read last, when the snapshot
 * written before had already brought the same value into the cache (nothing changed there, so nothing told it).
 */
function redraw(cache: ApolloCache, namespace: string, name: string) {
  const id = cache.identify({ __typename: 'Repository', namespace, name });
  if (id) {
    cache.modify({
      id,
      fields: { syncStatus: (_, { INVALIDATE }) => INVALIDATE, lastSynced: (_, { INVALIDATE }) => INVALIDATE },
    });
  }
}
