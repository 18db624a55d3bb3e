// The API token the user pasted, kept for this browser session only (sessionStorage: gone when the tab closes).
const KEY = 'gateway.token';

export function storedToken(): string | null {
  return sessionStorage.getItem(KEY);
}

export function storeToken(token: string) {
  sessionStorage.setItem(KEY, token);
}

export function forgetToken() {
  sessionStorage.removeItem(KEY);
}
