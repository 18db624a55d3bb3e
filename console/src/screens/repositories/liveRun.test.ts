import { describe, expect, it } from 'vitest';
import type { SyncRunRowFragment } from '../../gql/graphql';
import { mergeRun } from './liveRun';

const run = (over: Partial<SyncRunRowFragment>): SyncRunRowFragment => ({
  id: 'r1',
  trigger: 'MANUAL',
  status: 'REQUESTED',
  requestedAt: '2026-12-01T10:00:00Z',
  attempts: 0,
  ...over,
});

describe('the live run of the repository page', () => {
  it('moves on through the steps and never back, whatever order it is told in', () => {
    const requested = run({});
    const running = run({ status: 'RUNNING', startedAt: '2026-12-01T10:00:01Z' });
    const done = run({ status: 'SUCCESS', finishedAt: '2026-12-01T10:00:02Z', attempts: 1 });
    expect(mergeRun(mergeRun(requested, running), done)?.status).toBe('SUCCESS');
    // the mutation's answer (REQUESTED) after the events: the run stays ended and keeps its start
    const late = mergeRun(mergeRun(running, done), requested);
    expect(late).toMatchObject({ status: 'SUCCESS', startedAt: '2026-12-01T10:00:01Z', attempts: 1 });
  });

  it('shows the newer of two runs', () => {
    const old = run({ id: 'r1', status: 'FAILED' });
    const next = run({ id: 'r2', requestedAt: '2026-12-01T11:00:00Z' });
    expect(mergeRun(old, next)?.id).toBe('r2');
    expect(mergeRun(next, old)?.id).toBe('r2');
    expect(mergeRun(null, old)).toBe(old);
    expect(mergeRun(old, null)).toBe(old);
  });
});
