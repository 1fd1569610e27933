// Sign-in through the site's identity provider: OpenID Connect authorization code with PKCE (S256), the console
// being a public client. The PKCE verifier, state and nonce key live in sessionStorage only for the round trip to
// the provider and back, and are removed on return; the provider's tokens are never stored. The ID token is traded
// at once for the gateway's own token (POST v1/oidc/token), whose nonce check needs the nonce key: the ID token
// carries only the key's SHA-256, so a copy of the ID token alone signs nobody in.
import { call } from './api.js';

const PENDING = 'console.oidc.pending';
const MAX_ROUND_TRIP_MS = 10 * 60 * 1000;

/** The provider's settings, or null when the gateway signs in by client key only. */
export async function providerConfig() {
  const config = await call('GET', 'v1/oidc/config');
  return config && config.identity_provider ? config.identity_provider : null;
}

/** The console's own address, which the provider sends the browser back to. */
export function redirectUri() {
  return new URL('./', document.baseURI).href.replace(/[?#].*$/, '');
}

/** Leaves for the provider's sign-in page. */
export async function begin(provider) {
  const verifier = randomKey();
  const nonceKey = randomKey();
  const state = randomKey();
  sessionStorage.setItem(PENDING, JSON.stringify({ verifier, nonceKey, state, started: Date.now() }));
  const url = new URL(provider.authorization_endpoint);
  const params = {
    response_type: 'code',
    client_id: provider.client_id,
    redirect_uri: redirectUri(),
    scope: provider.scopes,
    state,
    nonce: await sha256(nonceKey),
    code_challenge: await sha256(verifier),
    code_challenge_method: 'S256',
  };
  Object.entries(params).forEach(([name, value]) => url.searchParams.set(name, value));
  location.assign(url.href);
}

/**
 * On the way back from the provider (?code=&state= or ?error=): answers the gateway's token answer, or null when
 * this page load is not a return from the provider. Throws, with a message for the sign-in form, when it failed.
 */
export async function complete(provider) {
  const params = new URLSearchParams(location.search);
  if (!params.has('code') && !params.has('error')) return null;
  const pending = JSON.parse(sessionStorage.getItem(PENDING) || 'null');
  sessionStorage.removeItem(PENDING);
  // The code must not stay in the address bar or the history.
  history.replaceState(null, '', redirectUri() + location.hash);
  if (!pending || !params.get('state') || params.get('state') !== pending.state
      || Date.now() - pending.started > MAX_ROUND_TRIP_MS) {
    throw new Error('The sign-in did not start in this tab or took too long; try again.');
  }
  if (params.has('error')) {
    throw new Error('The identity provider refused the sign-in: ' + (params.get('error_description') || params.get('error')));
  }
  if (!provider) throw new Error('Sign-in through the identity provider is no longer configured.');
  const tokens = await redeem(provider, params.get('code'), pending.verifier);
  if (!tokens.id_token) throw new Error('The identity provider answered without an ID token.');
  return call('POST', 'v1/oidc/token', { body: { id_token: tokens.id_token, nonce_key: pending.nonceKey } });
}

/** The authorization code traded at the provider's token endpoint, with the PKCE verifier. */
async function redeem(provider, code, verifier) {
  const form = new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri(),
    client_id: provider.client_id, code_verifier: verifier });
  let response;
  try {
    response = await fetch(provider.token_endpoint, { method: 'POST', body: form, cache: 'no-store',
      credentials: 'omit', redirect: 'error', headers: { Accept: 'application/json' } });
  } catch (e) {
    throw new Error('The identity provider cannot be reached.');
  }
  const answer = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new Error('The identity provider refused the code: ' + (answer.error_description || answer.error || response.status));
  }
  return answer;
}

/** 32 random bytes, base64url: a PKCE verifier (RFC 7636 4.1), state or nonce key. */
function randomKey() {
  return base64url(crypto.getRandomValues(new Uint8Array(32)));
}

async function sha256(text) {
  return base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))));
}

function base64url(bytes) {
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
