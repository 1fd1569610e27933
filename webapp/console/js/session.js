// Who is signed in. The token lives in this module's memory only: never in localStorage, a cookie or a URL.
import { call } from './api.js';

let current = null;
let expiryTimer = null;
const listeners = new Set();

/** Exchanges a client's id and key for the gateway's token. */
export async function signIn(clientId, clientKey) {
  const token = await call('GET', 'v1/authenticate/token/' + encodeURIComponent(clientId),
    { headers: { 'client-key': clientKey, Accept: 'text/plain' } });
  return adopt(token, clientId);
}

/** Starts the session with a gateway token (from a client key, or traded for the identity provider's ID token). */
export function adopt(token, fallbackName) {
  const claims = decodeClaims(token);
  current = { token, claims, name: claims.preferred_username || claims.sub || fallbackName,
    role: claims.role || 'user' };
  clearTimeout(expiryTimer);
  if (claims.exp) {
    expiryTimer = setTimeout(() => end('Your session expired; sign in again.'),
      Math.max(0, claims.exp * 1000 - Date.now()));
  }
  return current;
}

/** Ends the session, saying why (shown on the sign-in form), and tells the listeners. */
export function end(reason = '') {
  clearTimeout(expiryTimer);
  const was = current;
  current = null;
  if (was) listeners.forEach(listener => listener(reason));
}

export function onEnd(listener) {
  listeners.add(listener);
}

export function user() {
  return current;
}

export function isAdmin() {
  return current !== null && current.role === 'admin';
}

/** An API call with the session's token; a 401 ends the session. */
export async function api(method, path, options = {}) {
  if (!current) throw new Error('not signed in');
  try {
    return await call(method, path, { ...options, token: current.token });
  } catch (e) {
    if (e.status === 401) end('Your session expired; sign in again.');
    throw e;
  }
}

// The claims are read only to label the page and pick its menu; the gateway checks the token on every call.
function decodeClaims(token) {
  try {
    const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(payload), c => c.charCodeAt(0));
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch (e) {
    return {};
  }
}
