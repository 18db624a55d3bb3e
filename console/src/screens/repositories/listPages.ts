/*
 * The list's loaded rows are kept as pages: each page a cache entry of its own (the repositories field with its
 * `after` among the key arguments), read by its own query and joined by the screen (useRepositoryPages). Loading
 * a page then writes and reads 50 rows, whatever was loaded before; one list field merged from every page would
 * be read again whole (every loaded row's cached result checked) after each page, so a page took longer the more
 * rows were loaded (343 ms at first, 1,555 ms at 9,500 rows in the bench of 2026-12-01).
 *
 * What here decides: which cached pages make one list, in which order, and where a live event changes them.
 */

/** A cached page of a list: its key in the cache, its `after` (null: the first page) and what it holds. */
export interface CachedPage<E> {
  key: string;
  after: string | null;
  edges: E[];
  hasNextPage: boolean;
  endCursor: string | null;
}

/**
 * One list's pages: `chain` in the list's order (the first page, then the page read after its endCursor, and so
 * on: what the screen shows when it joins them), `others` the pages cached for the same filter that the chain does
 * not reach (read in an earlier visit, before the pages before them changed): counted like the list, never shown
 * by the screen until it reads them again.
 */
export interface ListOfPages<E> {
  chain: CachedPage<E>[];
  others: CachedPage<E>[];
}

/** The pages of one list (one filter and order, any `after`), ordered as a chain from the first page. */
export function chainPages<E>(pages: CachedPage<E>[]): ListOfPages<E> {
  const byAfter = new Map<string | null, CachedPage<E>>();
  pages.forEach((page) => byAfter.set(page.after, page));
  const chain: CachedPage<E>[] = [];
  const seen = new Set<CachedPage<E>>();
  for (let page = byAfter.get(null); page && !seen.has(page); ) {
    chain.push(page);
    seen.add(page);
    page = page.hasNextPage && page.endCursor !== null ? byAfter.get(page.endCursor) : undefined;
  }
  return { chain, others: pages.filter((page) => !seen.has(page)) };
}

/**
 * Where an added row goes in a list of pages: before the first loaded row that comes after it in the list's order
 * (`comesAfter`), in that row's page; at the end of the last page when it comes after every loaded row and the list
 * has no next page; null when its place is past the loaded pages (only the count changes then).
 */
export function placeInPages<E>(
  chain: CachedPage<E>[],
  comesAfter: (edge: E) => boolean,
): { page: number; at: number } | null {
  for (let page = 0; page < chain.length; page++) {
    const at = chain[page].edges.findIndex(comesAfter);
    if (at >= 0) return { page, at };
  }
  const last = chain.at(-1);
  if (!last || last.hasNextPage) return null;
  return { page: chain.length - 1, at: last.edges.length };
}

/** The list's key: its filter and order without the page's `after` (one key for all pages of one list). */
export function listKeyOf(filter: Record<string, unknown>): string {
  // the cache names a field's arguments in one order (its store field name): the same filter, the same key
  const rest = Object.fromEntries(Object.entries(filter).filter(([name]) => name !== 'after'));
  return JSON.stringify(rest);
}
