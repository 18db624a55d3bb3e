import { useCallback, useEffect, useRef, useState } from 'react';
import type { ErrorLike, ObservableQuery } from '@apollo/client';
import { useApolloClient } from '@apollo/client/react';
import {
  RepositoriesDocument,
  type RepositoriesQuery,
  type RepositoriesQueryVariables,
  type RepositoryRowFragment,
} from '../../gql/graphql';

type ListVariables = Omit<RepositoriesQueryVariables, 'first' | 'after'>;

interface PageResult {
  data?: RepositoriesQuery;
  loading: boolean;
  error?: ErrorLike;
}

interface WatchedPage {
  result?: PageResult;
  unsubscribe: () => void;
}

const NO_ROWS: RepositoryRowFragment[] = [];
/** How many pages each list had loaded, per cache: back on the list (from a repository's page), they show again. */
const loadedPages = new WeakMap<object, Map<string, number>>();
function remembered(client: object) {
  let lists = loadedPages.get(client);
  if (!lists) {
    lists = new Map();
    loadedPages.set(client, lists);
  }
  return lists;
}
/** Each page's rows, made once per answer (the join below only concatenates). */
const rowsOfPage = new WeakMap<RepositoriesQuery, RepositoryRowFragment[]>();
function rowsOf(data: RepositoriesQuery | undefined) {
  if (!data) return NO_ROWS;
  let rows = rowsOfPage.get(data);
  if (!rows) {
    rows = data.repositories.edges.map((edge) => edge.node);
    rowsOfPage.set(data, rows);
  }
  return rows;
}

/**
 * The list's pages (listPages.ts): one query per page, each watching its own cache entry, the rows joined in page
 * order. Loading the next page asks for it after the last page's endCursor and reads those 50 rows only; a live
 * event that changes a page (a row added, deleted, edited) reads that page again, not the others. A new filter or
 * order starts again from its first page (from the cache when it was read before).
 */
export function useRepositoryPages(variables: ListVariables, pageSize: number) {
  const client = useApolloClient();
  const listKey = JSON.stringify(variables);
  // how many pages are shown; each page is read after the end cursor of the page before it as that page reads now
  // (a page read again with other rows moves the next page's start with it: no row left out between two pages)
  const [shown, setShown] = useState<{ listKey: string; pages: number }>(() => ({
    listKey,
    pages: remembered(client.cache).get(listKey) ?? 1,
  }));
  const pages = shown.listKey === listKey ? shown.pages : (remembered(client.cache).get(listKey) ?? 1);
  useEffect(() => {
    remembered(client.cache).set(listKey, pages);
  }, [client, listKey, pages]);
  const watched = useRef(new Map<string, WatchedPage>());
  const [, setAnswers] = useState(0);
  const idOf = (after: string | null) => `${listKey}\u0000${after ?? ''}`;
  const afters: (string | null)[] = [null];
  while (afters.length < pages) {
    const cursor = watched.current.get(idOf(afters.at(-1)!))?.result?.data?.repositories.pageInfo.endCursor;
    if (!cursor) break;
    afters.push(cursor);
  }
  const aftersKey = JSON.stringify(afters);

  useEffect(() => {
    const wanted = new Set(afters.map((after) => `${listKey}\u0000${after ?? ''}`));
    for (const [id, page] of watched.current) {
      if (!wanted.has(id)) {
        page.unsubscribe();
        watched.current.delete(id);
      }
    }
    for (const after of afters) {
      const id = `${listKey}\u0000${after ?? ''}`;
      if (watched.current.has(id)) continue;
      const page: WatchedPage = { unsubscribe: () => {} };
      watched.current.set(id, page);
      const query: ObservableQuery<RepositoriesQuery, RepositoriesQueryVariables> = client.watchQuery({
        query: RepositoriesDocument,
        variables: { ...(JSON.parse(listKey) as ListVariables), first: pageSize, ...(after ? { after } : {}) },
        notifyOnNetworkStatusChange: true,
      });
      const subscription = query.subscribe((result) => {
        page.result = { data: result.data as RepositoriesQuery | undefined, loading: result.loading, error: result.error };
        setAnswers((n) => n + 1);
      });
      page.unsubscribe = () => subscription.unsubscribe();
    }
    // afters is read through aftersKey (the same cursors, a new array each render)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, listKey, aftersKey, pageSize]);
  useEffect(() => {
    const pages = watched.current;
    return () => {
      pages.forEach((page) => page.unsubscribe());
      pages.clear();
    };
  }, []);

  const results = afters.map((after) => watched.current.get(idOf(after))?.result);
  const pageData = results.map((result) => result?.data);
  // the joined rows stay the same array while no page's answer changed
  const joined = useRef<{ pages: (RepositoriesQuery | undefined)[]; rows: RepositoryRowFragment[] }>({ pages: [], rows: NO_ROWS });
  if (
    joined.current.pages.length !== pageData.length ||
    pageData.some((data, i) => data !== joined.current.pages[i])
  ) {
    joined.current = { pages: pageData, rows: pageData.flatMap((data) => rowsOf(data)) };
  }
  const first = results[0];
  const last = results.at(-1);
  const lastAnswered = [...results].reverse().find((result) => result?.data);
  const fetchingMore = afters.length > 1 && !last?.data && (last?.loading ?? true);
  const pageInfo = last?.data?.repositories.pageInfo;

  const loadMore = useCallback(() => {
    if (!pageInfo?.hasNextPage || !pageInfo.endCursor) return;
    setShown((previous) => {
      const current = previous.listKey === listKey ? previous.pages : pages;
      return { listKey, pages: Math.max(current, afters.length + 1) };
    });
    // afters.length is the pages shown now; pageInfo is the last one's
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [pageInfo, listKey, pages, aftersKey]);

  return {
    rows: joined.current.rows,
    /**
     * The list's count: the last answered page's (every cached page of a list carries the count it was read with,
     * kept live by the events; the last one read is the newest, e.g. after rows not loaded were deleted).
     */
    total: lastAnswered?.data?.repositories.totalCount ?? 0,
    /** Whether the first page has answered. */
    loaded: Boolean(first?.data),
    /** Where the first page's read stood in what the gateway tells live (the list's subscriptions follow it). */
    liveCursor: first?.data?.repositories.liveCursor,
    hasNextPage: fetchingMore || (pageInfo?.hasNextPage ?? false),
    /** The first page is on its way (nothing to show yet). */
    loading: !first?.data && (first?.loading ?? true),
    /** A next page is on its way. */
    fetchingMore,
    error: results.find((result) => result?.error)?.error,
    loadMore,
  };
}
