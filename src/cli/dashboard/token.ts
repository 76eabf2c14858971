// The dashboard's access token: every URL carries it, so another local user or a web page the
// browser visits (DNS rebinding, CSRF) cannot reach the server without having been given the URL.

/** 128 random bits as 32 hex characters. */
export function newToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Compares in time independent of where the strings differ, so the token cannot be guessed byte by byte. */
export function sameToken(given: string, token: string): boolean {
  let diff = given.length ^ token.length;
  for (let i = 0; i < token.length; i++) diff |= (given.charCodeAt(i) || 0) ^ token.charCodeAt(i);
  return diff === 0;
}
