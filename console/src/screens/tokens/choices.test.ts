import { describe, expect, it } from 'vitest';
import { expiryState, namespaceChoices } from './choices';

describe('a token’s expiry', () => {
  const now = new Date('2026-12-01T12:00:00Z');
  it('is never without a date, expired once the date is past, valid before', () => {
    expect(expiryState(null, now)).toBe('never');
    expect(expiryState('2026-12-01T11:59:00Z', now)).toBe('expired');
    expect(expiryState('2026-12-01T12:00:00Z', now)).toBe('expired');
    expect(expiryState('2026-12-02T00:00:00Z', now)).toBe('valid');
  });
});

describe('the namespace choices of a role binding', () => {
  it('offers every namespace, then the namespaces listed', () => {
    expect(namespaceChoices(['default', 'team-a'], '').map((c) => c.value)).toEqual(['', 'default', 'team-a']);
  });
  it('adds a typed valid name that is not listed, marked new', () => {
    expect(namespaceChoices(['default'], 'tokens ').at(-1)).toEqual({ value: 'tokens', isNew: true });
    expect(namespaceChoices(['default'], 'default')).toHaveLength(2);
  });
  it('offers no invalid name', () => {
    expect(namespaceChoices(['default'], 'Not_A_Namespace')).toHaveLength(2);
  });
});
