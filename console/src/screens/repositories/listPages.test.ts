import { describe, expect, it } from 'vitest';
import { chainPages, listKeyOf, placeInPages, type CachedPage } from './listPages';

const page = (after: string | null, edges: string[], hasNextPage: boolean, endCursor: string | null = edges.at(-1) ?? null): CachedPage<string> => ({
  key: `repositories:${after}`,
  after,
  edges,
  hasNextPage,
  endCursor,
});

describe('a list kept as pages', () => {
  it('orders the pages from the first by each page’s end cursor, whatever order the cache holds them in', () => {
    const pages = [page('b', ['c', 'd'], true), page(null, ['a', 'b'], true), page('d', ['e'], false)];
    expect(chainPages(pages).chain.map((p) => p.edges)).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
    expect(chainPages(pages).others).toEqual([]);
  });

  it('keeps a page its chain does not reach apart (read in an earlier visit)', () => {
    const stale = page('x', ['y'], false);
    const { chain, others } = chainPages([page(null, ['a', 'b'], true), stale]);
    expect(chain.map((p) => p.after)).toEqual([null]);
    expect(others).toEqual([stale]);
  });

  it('has no chain without a first page', () => {
    expect(chainPages([page('b', ['c'], false)]).chain).toEqual([]);
  });

  it('names one list for all its pages, and another for another filter or order', () => {
    expect(listKeyOf({ namespace: 'a', after: 'c1', orderBy: { field: 'NAME' } })).toBe(
      listKeyOf({ namespace: 'a', orderBy: { field: 'NAME' } }),
    );
    expect(listKeyOf({ namespace: 'a', orderBy: { field: 'NAME' } })).not.toBe(
      listKeyOf({ namespace: 'a', orderBy: { field: 'CREATED' } }),
    );
  });
});

describe('where an added row goes among the loaded pages', () => {
  const chain = [page(null, ['b', 'd'], true), page('d', ['f', 'h'], true), page('h', ['j'], false)];
  const after = (name: string) => (edge: string) => edge > name;

  it('goes before the first row after it, in that row’s page', () => {
    expect(placeInPages(chain, after('a'))).toEqual({ page: 0, at: 0 });
    expect(placeInPages(chain, after('c'))).toEqual({ page: 0, at: 1 });
    expect(placeInPages(chain, after('g'))).toEqual({ page: 1, at: 1 });
  });

  it('goes first in the next page when it falls between two pages', () => {
    expect(placeInPages(chain, after('e'))).toEqual({ page: 1, at: 0 });
  });

  it('goes last in the last page when the list has no next page', () => {
    expect(placeInPages(chain, after('z'))).toEqual({ page: 2, at: 1 });
  });

  it('has no place while its place is past the loaded pages (only the count changes)', () => {
    expect(placeInPages(chain.slice(0, 2), after('z'))).toBeNull();
    expect(placeInPages([], after('a'))).toBeNull();
  });
});
