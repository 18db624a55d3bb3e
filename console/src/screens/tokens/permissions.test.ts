import { describe, expect, it } from 'vitest';
import { mayAdminister } from './permissions';

describe('mayAdminister', () => {
  it('lets a cluster ADMIN revoke any token', () => {
    expect(mayAdminister([{ namespace: null, role: 'ADMIN' }], [{ namespace: null, role: 'VIEWER' }])).toBe(true);
  });
  it('lets a namespace ADMIN revoke only tokens bound to namespaces it administers', () => {
    const caller = [{ namespace: 'team-a', role: 'ADMIN' }, { namespace: 'team-b', role: 'VIEWER' }];
    expect(mayAdminister(caller, [{ namespace: 'team-a', role: 'EDITOR' }])).toBe(true);
    expect(mayAdminister(caller, [{ namespace: 'team-a', role: 'EDITOR' }, { namespace: 'team-b', role: 'VIEWER' }])).toBe(false);
    expect(mayAdminister(caller, [{ namespace: null, role: 'VIEWER' }])).toBe(false);
  });
  it('refuses a caller without ADMIN', () => {
    expect(mayAdminister([{ namespace: null, role: 'EDITOR' }], [{ namespace: 'x', role: 'VIEWER' }])).toBe(false);
  });
});
