import { describe, expect, it } from 'vitest';
import type { RegistryRowFragment } from '../../gql/graphql';
import { changesSomething, editValues, repositoriesInUse, toAddInput, toUpdateInput } from './registryInput';

const current: RegistryRowFragment = {
  __typename: 'Registry',
  namespace: 'default',
  name: 'harbor-prod',
  url: 'https://harbor.example.com',
  domain: 'harbor.example.com',
  insecure: false,
  description: 'production Harbor',
  username: 'robot$sync',
  hasCredentials: true,
  caCertificate: null,
  concurrencyLimit: 4,
  health: 'HEALTHY',
  healthDetail: null,
  lastCheckedAt: null,
  unavailableSince: null,
  rateLimitedUntil: null,
  repositoryCount: 3,
  shared: false,
  updatedAt: '2026-12-01T10:00:00Z',
};

describe('the edit form of a registry source', () => {
  it('starts with the source as it is and never with a password', () => {
    const values = editValues(current);
    expect(values).toMatchObject({ url: current.url, username: 'robot$sync', description: 'production Harbor', caCertificate: '' });
    expect(values.password).toBe('');
  });

  it('sends nothing but the source’s name when nothing changed', () => {
    const input = toUpdateInput(current, editValues(current));
    expect(input).toEqual({ namespace: 'default', name: 'harbor-prod' });
    expect(changesSomething(input)).toBe(false);
  });

  it('sends only the changed fields; the others stay as they are', () => {
    const input = toUpdateInput(current, { ...editValues(current), url: ' https://harbor2.example.com ', shared: true, concurrencyLimit: 8 });
    expect(input).toEqual({ namespace: 'default', name: 'harbor-prod', url: 'https://harbor2.example.com', shared: true, concurrencyLimit: 8 });
    expect(changesSomething(input)).toBe(true);
  });

  it('sends an emptied field as "" (the gateway clears it)', () => {
    const input = toUpdateInput(current, { ...editValues(current), description: '', username: '  ' });
    expect(input).toEqual({ namespace: 'default', name: 'harbor-prod', description: '', username: '' });
  });

  it('sends a password only when one is typed, and "" to remove the stored one', () => {
    expect(toUpdateInput(current, { ...editValues(current), password: 's3cret' }).password).toBe('s3cret');
    expect(toUpdateInput(current, { ...editValues(current), password: 's3cret', clearPassword: true }).password).toBe('');
    expect('password' in toUpdateInput(current, editValues(current))).toBe(false);
    // nothing stored: nothing to remove
    expect('password' in toUpdateInput({ ...current, hasCredentials: false }, { ...editValues(current), clearPassword: true })).toBe(false);
  });

  it('sets a CA certificate where there was none', () => {
    const pem = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----';
    expect(toUpdateInput(current, { ...editValues(current), caCertificate: pem }).caCertificate).toBe(pem);
  });
});

describe('the add form', () => {
  it('leaves empty optional fields out', () => {
    expect(toAddInput({ namespace: 'default', name: 'local', url: 'http://127.0.0.1:5000', insecure: true, username: '', password: '', description: '' })).toEqual({
      namespace: 'default',
      name: 'local',
      url: 'http://127.0.0.1:5000',
      insecure: true,
      shared: false,
    });
  });
});

describe('an IN_USE refusal', () => {
  it('tells how many repositories use the source, from the gateway’s message', () => {
    expect(repositoriesInUse('registry source default/local is used by 3 repositories; delete or re-create them first', 1)).toBe(3);
    expect(repositoriesInUse('registry source default/local is used by 1 repository; delete or re-create them first', 0)).toBe(1);
    expect(repositoriesInUse('in use', 2)).toBe(2);
  });
});
