interface Binding {
  namespace?: string | null;
  role: string;
}

/**
 * Whether the caller may revoke a token with these bindings (what revokeApiToken checks): ADMIN of every
 * namespace the bindings name, and for a binding without namespace ADMIN of every namespace.
 */
export function mayAdminister(caller: readonly Binding[], token: readonly Binding[]): boolean {
  const admin = caller.filter((r) => r.role === 'ADMIN');
  if (admin.some((r) => r.namespace == null)) return true;
  return token.every((b) => b.namespace != null && admin.some((r) => r.namespace === b.namespace));
}
