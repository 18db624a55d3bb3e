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
  it('carries every filter of the screen under the names of AuditLogFilter', () => {
    const filter = toAuditFilter({
      namespace: 'team-a',
      actor: 'alice',
      actions: 'apitoken.created, apitoken.revoked',
      targetKind: 'API_TOKEN',
      targetName: 'ci',
      range: [dayjs('2026-01-01T00:00:00Z'), dayjs('2026-01-02T00:00:00Z')],
    });
    const params = new URLSearchParams(exportQuery(filter).slice(1));
    expect([...params.keys()]).toEqual(['actor', 'namespace', 'targetKind', 'targetName', 'actions', 'actions', 'from', 'to']);
    expect(params.get('actor')).toBe('alice');
    expect(params.get('namespace')).toBe('team-a');
    expect(params.get('targetKind')).toBe('API_TOKEN');
    expect(params.get('targetName')).toBe('ci');
    expect(params.getAll('actions')).toEqual(['apitoken.created', 'apitoken.revoked']);
    expect(params.get('from')).toBe('2026-01-01T00:00:00.000Z');
    expect(params.get('to')).toBe('2026-01-02T00:00:00.000Z');
  });
  it('escapes what it carries and leaves out what is not set', () => {
    expect(exportQuery({ actor: 'a b&c=d', from: '2026-01-01T08:00:00+08:00' })).toBe(
      '?actor=a+b%26c%3Dd&from=2026-01-01T08%3A00%3A00%2B08%3A00',
    );
    expect(exportQuery(toAuditFilter({ actor: ' ', actions: ' , ' }))).toBe('');
    expect(exportQuery({})).toBe('');
  });
});
