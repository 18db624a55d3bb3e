import { describe, expect, it } from 'vitest';
import { act, render, screen } from '@testing-library/react';
import { MockedProvider } from '@apollo/client/testing/react';
import '../../i18n';
import { App } from '../../App';
import { createCache } from '../../api/client';
import { applySyncStatusEvent } from './liveCache';
import { RowLastSynced, RowSyncStatus } from './LiveRowStatus';

const labels = { SUCCESS: '已同步', SYNCING: '同步中', FAILED: '同步失败', PENDING: '未同步' };
const row = { namespace: 'team-a', name: 'nginx', syncStatus: 'PENDING' as const, lastSynced: null };

describe('a list row’s 同步状态 and 最后同步时间', () => {
  it('follow the live status of their repository by themselves (the list is not read again for them)', () => {
    const cache = createCache();
    render(
      <App>
        <MockedProvider cache={cache}>
          <div>
            <RowSyncStatus repository={row} labels={labels} />
            <RowLastSynced repository={row} />
          </div>
        </MockedProvider>
      </App>,
    );
    expect(screen.getByText('未同步')).toBeInTheDocument();
    expect(screen.getByText('—')).toBeInTheDocument();
    const event = { __typename: 'SyncStatusEvent' as const, namespace: 'team-a', name: 'nginx', previousStatus: null };
    act(() => applySyncStatusEvent(cache, { ...event, syncStatus: 'SYNCING', at: '2026-12-01T10:00:01Z', syncRun: null }, { rowsWatch: true }));
    expect(screen.getByText('同步中')).toBeInTheDocument();
    act(() =>
      applySyncStatusEvent(
        cache,
        {
          ...event,
          syncStatus: 'SUCCESS',
          at: '2026-12-01T10:00:02Z',
          syncRun: { __typename: 'SyncRun', id: 'r1', status: 'SUCCESS', finishedAt: '2026-12-01T10:00:02Z', error: null },
        },
        { rowsWatch: true },
      ),
    );
    expect(screen.getByText('已同步')).toBeInTheDocument();
    expect(screen.getByText('2026-12-01 10:00:02')).toBeInTheDocument();
    // another repository's event leaves the row as it is
    act(() =>
      applySyncStatusEvent(cache, { ...event, name: 'redis', syncStatus: 'FAILED', at: '2026-12-01T10:00:03Z', syncRun: null }, { rowsWatch: true }),
    );
    expect(screen.getByText('已同步')).toBeInTheDocument();
  });
});
