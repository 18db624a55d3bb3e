import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { act, fireEvent, render, screen } from '@testing-library/react';
import { useInfiniteScroll, type NextPage } from './useInfiniteScroll';

/** A scroll box over a connection of pages "p1", "p2", …; `asked` records the cursors of the pages asked for. */
function List({ pages, asked, answer }: { pages: number; asked: (string | null | undefined)[]; answer: () => Promise<void> }) {
  const [loaded, setLoaded] = useState(1);
  const pageInfo: NextPage = { hasNextPage: loaded < pages, endCursor: `p${loaded}` };
  const { onScroll, fetchingMore, loadMore } = useInfiniteScroll(
    pageInfo,
    async (after) => {
      asked.push(after);
      await answer();
      setLoaded((n) => n + 1);
    },
    300,
  );
  return (
    <>
      <div role="region" aria-label="list" onScroll={onScroll} />
      <span>{`loaded ${loaded}${fetchingMore ? ', loading' : ''}`}</span>
      <button onClick={() => void loadMore()}>more</button>
    </>
  );
}

/** Scrolls the box to `scrollTop` of a 2,000 px content in a 500 px box. */
function scrollTo(scrollTop: number) {
  const box = screen.getByRole('region', { name: 'list' });
  Object.defineProperties(box, {
    scrollHeight: { configurable: true, value: 2000 },
    clientHeight: { configurable: true, value: 500 },
    scrollTop: { configurable: true, value: scrollTop },
  });
  fireEvent.scroll(box);
}

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('useInfiniteScroll', () => {
  it('asks for the page after the end cursor when the box is scrolled near its end, not before', async () => {
    const asked: (string | null | undefined)[] = [];
    render(<List pages={3} asked={asked} answer={() => Promise.resolve()} />);
    scrollTo(1000); // 500 px from the end
    expect(asked).toEqual([]);
    scrollTo(1250); // 250 px from the end
    expect(await screen.findByText('loaded 2')).toBeInTheDocument();
    scrollTo(1500);
    expect(await screen.findByText('loaded 3')).toBeInTheDocument();
    expect(asked).toEqual(['p1', 'p2']);
  });

  it('asks for one page at a time however many scroll events come while it is on its way', async () => {
    const asked: (string | null | undefined)[] = [];
    const page = deferred();
    render(<List pages={3} asked={asked} answer={() => page.promise} />);
    scrollTo(1300);
    scrollTo(1400);
    scrollTo(1500);
    screen.getByRole('button', { name: 'more' }).click();
    expect(await screen.findByText('loaded 1, loading')).toBeInTheDocument();
    expect(asked).toEqual(['p1']);
    await act(async () => page.resolve());
    expect(await screen.findByText('loaded 2')).toBeInTheDocument();
    expect(asked).toEqual(['p1']);
  });

  it('asks for nothing once the last page is loaded', async () => {
    const asked: (string | null | undefined)[] = [];
    render(<List pages={1} asked={asked} answer={() => Promise.resolve()} />);
    scrollTo(1500);
    screen.getByRole('button', { name: 'more' }).click();
    expect(screen.getByText('loaded 1')).toBeInTheDocument();
    expect(asked).toEqual([]);
  });
});
