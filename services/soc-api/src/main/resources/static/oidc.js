// OpenID Connect sign-in of the dashboard: authorization code flow with PKCE (RFC 7636, S256) for a
// public client (no secret), with `state` (RFC 6749 §10.12) and `nonce` (OIDC Core §3.1.2.1) checked.
// Everything here is a plain function of its inputs (storage, time, the provider's answers) so that
// `node --test` can check it (services/soc-api/src/test/js); app.js does the fetching and navigating.
//
// What is kept, and where: the sign-in in progress (state, nonce, code verifier) and then the tokens,
// in the tab's sessionStorage only (gone with the tab; no cookie, nothing kept across tabs).

export const PENDING = 'socOidcPending';
export const SESSION = 'socOidcSession';
/** A token this close to its expiry counts as expired (clock skew, the request still in flight). */
export const EXPIRY_MARGIN_MS = 30_000;
/** A sign-in that has not come back within this time is dropped. */
const PENDING_MAX_AGE_MS = 10 * 60_000;

export class OidcError extends Error {}

export function base64url(bytes) {
  let binary = '';
  for (const b of bytes) {
    binary += String.fromCharCode(b);
  }
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** An unguessable value: 32 random bytes, base64url (43 characters, a valid PKCE code verifier). */
export function randomToken(random = bytes => crypto.getRandomValues(bytes)) {
  return base64url(random(new Uint8Array(32)));
}

/** The S256 code challenge of a verifier: base64url(SHA-256(ASCII(verifier))). */
export async function codeChallenge(verifier) {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64url(new Uint8Array(digest));
}

export function discoveryUrl(issuer) {
  return issuer.replace(/\/+$/, '') + '/.well-known/openid-configuration';
}

/**
 * The provider's discovery document, checked (OIDC Discovery §4.3): it names the configured issuer,
 * an authorization and a token endpoint, and S256 among its PKCE methods when it lists them.
 */
export function checkDiscovery(metadata, issuer) {
  if (!metadata || typeof metadata !== 'object') {
    throw new OidcError('the provider sent no discovery document');
  }
  if (metadata.issuer !== issuer) {
    throw new OidcError('the discovery document names issuer ' + JSON.stringify(metadata.issuer)
      + ', not the configured ' + JSON.stringify(issuer));
  }
  for (const endpoint of ['authorization_endpoint', 'token_endpoint']) {
    if (typeof metadata[endpoint] !== 'string' || !/^https?:\/\//.test(metadata[endpoint])) {
      throw new OidcError('the discovery document has no ' + endpoint);
    }
  }
  const methods = metadata.code_challenge_methods_supported;
  if (Array.isArray(methods) && !methods.includes('S256')) {
    throw new OidcError('the provider does not support PKCE with S256');
  }
  return metadata;
}

/**
 * Starts a sign-in: keeps a fresh state, nonce and code verifier in storage and returns the URL of
 * the provider's authorization endpoint to send the browser to.
 */
export async function authorizationRequest({config, metadata, redirectUri, storage, now = Date.now(), random}) {
  const pending = {
    state: randomToken(random),
    nonce: randomToken(random),
    verifier: randomToken(random),
    redirectUri,
    createdAt: now
  };
  storage.setItem(PENDING, JSON.stringify(pending));
  const url = new URL(metadata.authorization_endpoint);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', config.clientId);
  url.searchParams.set('redirect_uri', redirectUri);
  url.searchParams.set('scope', config.scopes.join(' '));
  url.searchParams.set('state', pending.state);
  url.searchParams.set('nonce', pending.nonce);
  url.searchParams.set('code_challenge', await codeChallenge(pending.verifier));
  url.searchParams.set('code_challenge_method', 'S256');
  return url.toString();
}

/** Whether this URL is the provider sending the browser back (a code or an error, with a state). */
export function isCallback(url) {
  const params = new URL(url).searchParams;
  return params.has('state') && (params.has('code') || params.has('error'));
}

/**
 * The provider's answer on the redirect URI: the code, if the state is the one this tab sent. The
 * sign-in in progress is used up either way (a state is good for one answer).
 */
export function callback(url, storage, now = Date.now()) {
  const raw = storage.getItem(PENDING);
  storage.removeItem(PENDING);
  const params = new URL(url).searchParams;
  const pending = raw ? JSON.parse(raw) : null;
  if (!pending || now - pending.createdAt > PENDING_MAX_AGE_MS) {
    throw new OidcError('no sign-in of this tab is waiting for an answer: sign in again');
  }
  if (params.get('state') !== pending.state) {
    throw new OidcError('the answer does not carry the state this tab sent: refused');
  }
  if (params.has('error')) {
    throw new OidcError('the provider refused the sign-in: ' + params.get('error')
      + (params.has('error_description') ? ' (' + params.get('error_description') + ')' : ''));
  }
  const code = params.get('code');
  if (!code) {
    throw new OidcError('the answer carries no authorization code');
  }
  return {code, pending};
}

/** The token request (RFC 6749 §4.1.3 with the PKCE verifier): where to POST which form. */
export function tokenRequest({config, metadata, code, pending}) {
  return {
    url: metadata.token_endpoint,
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: pending.redirectUri,
      client_id: config.clientId,
      code_verifier: pending.verifier
    })
  };
}

/** A JWT's claims, read (not verified: the API verifies the access token, TLS vouches for the ID token). */
export function jwtClaims(jwt) {
  const parts = typeof jwt === 'string' ? jwt.split('.') : [];
  if (parts.length !== 3) {
    throw new OidcError('not a JWT');
  }
  const b64 = parts[1].replace(/-/g, '+').replace(/_/g, '/');
  const json = new TextDecoder().decode(Uint8Array.from(atob(b64), c => c.charCodeAt(0)));
  return JSON.parse(json);
}

/**
 * The token endpoint's answer, checked, as the session to keep: a Bearer access token, and an ID
 * token from the issuer, for this client, with this sign-in's nonce, not expired (OIDC Core
 * §3.1.3.7; its signature is not checked here: it came straight from the token endpoint over TLS,
 * which §3.1.3.7 allows; the API checks the access token's signature on every call).
 */
export function acceptTokens(answer, {config, metadata, pending, now = Date.now()}) {
  if (!answer || typeof answer.access_token !== 'string' || !answer.access_token) {
    throw new OidcError('the token endpoint sent no access token');
  }
  if (String(answer.token_type).toLowerCase() !== 'bearer') {
    throw new OidcError('the access token is no Bearer token (' + answer.token_type + ')');
  }
  if (typeof answer.id_token !== 'string') {
    throw new OidcError('the token endpoint sent no ID token (is "openid" among the scopes?)');
  }
  const id = jwtClaims(answer.id_token);
  if (id.iss !== metadata.issuer) {
    throw new OidcError('the ID token is from ' + JSON.stringify(id.iss) + ', not the issuer');
  }
  const audiences = Array.isArray(id.aud) ? id.aud : [id.aud];
  if (!audiences.includes(config.clientId) || (id.azp !== undefined && id.azp !== config.clientId)) {
    throw new OidcError('the ID token is not for this client');
  }
  if (id.nonce !== pending.nonce) {
    throw new OidcError('the ID token does not carry the nonce of this sign-in: refused');
  }
  if (typeof id.exp !== 'number' || id.exp * 1000 <= now) {
    throw new OidcError('the ID token has expired');
  }
  let expiresAt;
  if (Number.isFinite(answer.expires_in)) {
    expiresAt = now + answer.expires_in * 1000;
  } else {
    try {
      expiresAt = jwtClaims(answer.access_token).exp * 1000;
    } catch {
      expiresAt = id.exp * 1000;
    }
  }
  return {
    accessToken: answer.access_token,
    idToken: answer.id_token,
    subject: id.sub,
    name: id.preferred_username || id.name || id.email || id.sub,
    expiresAt,
    signedInAt: now
  };
}

export function saveSession(storage, session) {
  storage.setItem(SESSION, JSON.stringify(session));
}

/** The signed-in session, or null: none, or expired (then it is dropped). */
export function loadSession(storage, now = Date.now()) {
  const raw = storage.getItem(SESSION);
  if (!raw) {
    return null;
  }
  const session = JSON.parse(raw);
  if (!Number.isFinite(session.expiresAt) || session.expiresAt - EXPIRY_MARGIN_MS <= now) {
    storage.removeItem(SESSION);
    return null;
  }
  return session;
}

/** Milliseconds until the session counts as expired. */
export function expiresIn(session, now = Date.now()) {
  return Math.max(0, session.expiresAt - EXPIRY_MARGIN_MS - now);
}

/**
 * Signs out of this tab (the tokens are dropped) and returns the provider's end-session URL (OIDC
 * RP-Initiated Logout) when it has one, else null.
 */
export function signOut({storage, metadata, config, postLogoutRedirectUri}) {
  const raw = storage.getItem(SESSION);
  storage.removeItem(SESSION);
  storage.removeItem(PENDING);
  if (!metadata || typeof metadata.end_session_endpoint !== 'string') {
    return null;
  }
  const url = new URL(metadata.end_session_endpoint);
  const session = raw ? JSON.parse(raw) : null;
  if (session && session.idToken) {
    url.searchParams.set('id_token_hint', session.idToken);
  }
  url.searchParams.set('client_id', config.clientId);
  url.searchParams.set('post_logout_redirect_uri', postLogoutRedirectUri);
  return url.toString();
}
