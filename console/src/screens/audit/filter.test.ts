import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { exportQuery, toAuditFilter } from './filter';

describe('toAuditFilter', () => {
  it('leaves empty fields out', () => {
    expect(toAuditFilter({ namespace: ' ', actor: '', actions: '' })).toEqual({});
  });
  it('splits actions and keeps the range', () => {
    const from = dayjs('2026-01-01T00:00:00Z');
    const to = dayjs('2026-01-02T00:00:00Z');
    expect(
      toAuditFilter({ namespace: 'team-a', actions: 'apitoken.created, apitoken.revoked', targetKind: 'API_TOKEN', range: [from, to] }),
    ).toEqual({
      namespace: 'team-a',
      actions: ['apitoken.created', 'apitoken.revoked'],
      targetKind: 'API_TOKEN',
      from: '2026-01-01T00:00:00.000Z',
      to: '2026-01-02T00:00:00.000Z',
    });
  });
});

describe('exportQuery', () => {
  it('passes namespace and time range only', () => {
    expect(exportQuery({ namespace: 'a', actor: 'x', from: '2026-01-01T00:00:00.000Z' })).toBe(
      '?from=2026-01-01T00%3A00%3A00.000Z&namespace=a',
    );
    expect(exportQuery({})).toBe('');
  });
});
