// PKCE (RFC 7636) and the state and nonce of an authorization request, with the browser's own WebCrypto.

/** base64url without padding (RFC 7636 Appendix A). */
export function base64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** A random value of `size` bytes, base64url: 32 bytes give the 43 characters RFC 7636 asks of a verifier at least. */
export function randomValue(size = 32): string {
  return base64Url(crypto.getRandomValues(new Uint8Array(size)));
}

const VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;

/** The code_challenge for code_challenge_method=S256: BASE64URL(SHA256(ASCII(code_verifier))). */
export async function challengeS256(verifier: string): Promise<string> {
  if (!VERIFIER.test(verifier)) {
    throw new Error('a code_verifier is 43 to 128 characters of A-Z a-z 0-9 - . _ ~');
  }
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64Url(new Uint8Array(digest));
}

/** Two strings compared without stopping at the first difference (a state or a nonce). */
export function sameValue(a: string | null | undefined, b: string | null | undefined): boolean {
  if (typeof a !== 'string' || typeof b !== 'string' || a.length !== b.length || a.length === 0) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return difference === 0;
}
