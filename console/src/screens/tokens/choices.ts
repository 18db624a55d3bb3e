/** What a token's expiry means now: never, still valid, or past (an expired token is listed until revoked). */
export function expiryState(expiresAt: string | null | undefined, now: Date = new Date()): 'never' | 'valid' | 'expired' {
  if (!expiresAt) return 'never';
  return new Date(expiresAt).getTime() <= now.getTime() ? 'expired' : 'valid';
}

const DNS_1123_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

export interface NamespaceChoice {
  value: string;
  /** A name typed that the namespaces query does not list (one that holds nothing yet). */
  isNew: boolean;
}

/**
 * The namespace choices of a role binding: '' (every namespace), the namespaces the caller can read, and the name
 * being typed when it is a valid namespace name not among them (a namespace may hold nothing yet).
 */
export function namespaceChoices(known: readonly string[], typed: string): NamespaceChoice[] {
  const search = typed.trim();
  const listed = [{ value: '', isNew: false }, ...known.map((value) => ({ value, isNew: false }))];
  if (search && !known.includes(search) && DNS_1123_LABEL.test(search)) {
    return [...listed, { value: search, isNew: true }];
  }
  return listed;
}
