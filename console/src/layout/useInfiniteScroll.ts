import { useCallback, useRef, useState } from 'react';

/** What a Relay connection tells of its next page. */
export interface NextPage {
  hasNextPage: boolean;
  endCursor?: string | null;
}

/**
 * Infinite scroll over a Relay connection (镜像管理's list, 审计日志): `loadMore` asks for the page after
 * `pageInfo.endCursor` by `fetchPage`, one page at a time (a call while one is on its way does nothing: a scroll
 * sends many events before the page arrives); `onScroll` calls it when the scroll box is within `threshold` pixels
 * of its end; `fetchingMore` while a page is on its way.
 */
export function useInfiniteScroll(
  pageInfo: NextPage | undefined,
  fetchPage: (after: string | null | undefined) => Promise<unknown>,
  threshold: number,
) {
  const [fetchingMore, setFetchingMore] = useState(false);
  const onItsWay = useRef(false);
  // the latest fetchPage, so that an inline function does not make a new loadMore each render
  const fetcher = useRef(fetchPage);
  fetcher.current = fetchPage;
  const loadMore = useCallback(async () => {
    if (!pageInfo?.hasNextPage || onItsWay.current) return;
    onItsWay.current = true;
    setFetchingMore(true);
    try {
      await fetcher.current(pageInfo.endCursor);
    } finally {
      onItsWay.current = false;
      setFetchingMore(false);
    }
  }, [pageInfo]);
  const onScroll = useCallback(
    (event: React.UIEvent<HTMLElement>) => {
      const box = event.currentTarget;
      if (box.scrollHeight - box.scrollTop - box.clientHeight < threshold) void loadMore();
    },
    [loadMore, threshold],
  );
  return { loadMore, fetchingMore, onScroll };
}
