// The dashboard's OIDC sign-in logic (static/oidc.js), under `node --test` (Node 20+: WebCrypto,
// URL, btoa are globals). Run by scripts/test.sh:  node --test services/soc-api/src/test/js/
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {copyFileSync, mkdtempSync, readFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';

const STATIC = fileURLToPath(new URL('../../main/resources/static/', import.meta.url));
// oidc.js is an ES module served as .js; Node 20 reads a .js file outside a "type": "module"
// package as CommonJS, so the test imports a copy named .mjs
const copy = join(mkdtempSync(join(tmpdir(), 'soc-oidc-')), 'oidc.mjs');
copyFileSync(join(STATIC, 'oidc.js'), copy);
const oidc = await import(pathToFileURL(copy).href);

/** What sessionStorage offers (getItem, setItem, removeItem), over a Map. */
function storage() {
  const items = new Map();
  return {
    getItem: key => (items.has(key) ? items.get(key) : null),
    setItem: (key, value) => items.set(key, String(value)),
    removeItem: key => items.delete(key),
    items
  };
}

const ISSUER = 'https://idp.example/realms/soc';
const CONFIG = {issuer: ISSUER, clientId: 'soc-dashboard', scopes: ['openid', 'profile'], redirectUri: null};
const METADATA = {
  issuer: ISSUER,
  authorization_endpoint: ISSUER + '/authorize',
  token_endpoint: ISSUER + '/token',
  end_session_endpoint: ISSUER + '/logout',
  code_challenge_methods_supported: ['plain', 'S256']
};
const REDIRECT = 'https://soc.example/';
const NOW = Date.parse('2026-12-03T12:00:00Z');

const b64url = text => Buffer.from(text).toString('base64url');
function jwt(claims) {
  return b64url(JSON.stringify({alg: 'RS256', typ: 'JWT'})) + '.' + b64url(JSON.stringify(claims)) + '.c2ln';
}

async function started(store = storage()) {
  const url = new URL(await oidc.authorizationRequest({
    config: CONFIG, metadata: METADATA, redirectUri: REDIRECT, storage: store, now: NOW
  }));
  return {store, url, pending: JSON.parse(store.getItem(oidc.PENDING))};
}

test('the S256 challenge is RFC 7636 appendix B\'s', async () => {
  assert.equal(await oidc.codeChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk'),
    'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
});

test('random tokens are 32 bytes of base64url, a valid code verifier, never twice the same', () => {
  const tokens = new Set(Array.from({length: 100}, () => oidc.randomToken()));
  assert.equal(tokens.size, 100);
  for (const token of tokens) {
    assert.match(token, /^[A-Za-z0-9_-]{43}$/);
  }
});

test('the authorization request: code flow, PKCE S256 of the kept verifier, fresh state and nonce', async () => {
  const {url, pending, store} = await started();
  assert.equal(url.origin + url.pathname, METADATA.authorization_endpoint);
  const p = url.searchParams;
  assert.equal(p.get('response_type'), 'code');
  assert.equal(p.get('client_id'), 'soc-dashboard');
  assert.equal(p.get('redirect_uri'), REDIRECT);
  assert.equal(p.get('scope'), 'openid profile');
  assert.equal(p.get('code_challenge_method'), 'S256');
  assert.equal(p.get('code_challenge'), await oidc.codeChallenge(pending.verifier));
  assert.equal(p.get('state'), pending.state);
  assert.equal(p.get('nonce'), pending.nonce);
  assert.equal(p.has('code_verifier'), false, 'the verifier never leaves the tab before the token request');
  assert.notEqual(pending.state, pending.nonce);
  const again = await started(store);
  assert.notEqual(again.pending.state, pending.state);
  assert.notEqual(again.pending.verifier, pending.verifier);
});

test('the callback with this tab\'s state gives the code, once', async () => {
  const {store, pending} = await started();
  const back = REDIRECT + '?code=the-code&state=' + pending.state;
  assert.equal(oidc.isCallback(back), true);
  assert.deepEqual(oidc.callback(back, store, NOW + 5_000), {code: 'the-code', pending});
  assert.throws(() => oidc.callback(back, store, NOW + 6_000), oidc.OidcError, 'a replayed answer');
});

test('a callback with another state is refused, and the sign-in in progress is used up', async () => {
  const {store} = await started();
  assert.throws(() => oidc.callback(REDIRECT + '?code=c&state=forged', store, NOW), /state/);
  assert.equal(store.getItem(oidc.PENDING), null);
});

test('a callback nobody waits for, or a stale one, is refused', async () => {
  assert.throws(() => oidc.callback(REDIRECT + '?code=c&state=s', storage(), NOW), /no sign-in/);
  const {store, pending} = await started();
  assert.throws(() => oidc.callback(REDIRECT + '?code=c&state=' + pending.state, store, NOW + 11 * 60_000),
    /no sign-in/);
});

test('the provider\'s error comes through, with its description', async () => {
  const {store, pending} = await started();
  assert.throws(
    () => oidc.callback(REDIRECT + '?error=access_denied&error_description=no+thanks&state=' + pending.state, store, NOW),
    /access_denied \(no thanks\)/);
  assert.equal(oidc.isCallback(REDIRECT + '?foo=bar'), false);
});

test('the token request carries the code verifier and no secret (public client)', async () => {
  const {pending} = await started();
  const request = oidc.tokenRequest({config: CONFIG, metadata: METADATA, code: 'the-code', pending});
  assert.equal(request.url, METADATA.token_endpoint);
  assert.deepEqual(Object.fromEntries(request.body), {
    grant_type: 'authorization_code', code: 'the-code', redirect_uri: REDIRECT,
    client_id: 'soc-dashboard', code_verifier: pending.verifier
  });
});

function answer(pending, claims = {}, extra = {}) {
  return {
    access_token: jwt({iss: ISSUER, sub: 'alice', exp: NOW / 1000 + 600}),
    token_type: 'Bearer',
    expires_in: 300,
    id_token: jwt({iss: ISSUER, aud: 'soc-dashboard', sub: 'alice', nonce: pending.nonce,
                   exp: NOW / 1000 + 300, preferred_username: 'alice', ...claims}),
    ...extra
  };
}

test('tokens from the issuer, for this client, with this sign-in\'s nonce become the session', async () => {
  const {pending} = await started();
  const session = oidc.acceptTokens(answer(pending), {config: CONFIG, metadata: METADATA, pending, now: NOW});
  assert.equal(session.expiresAt, NOW + 300_000);
  assert.equal(session.name, 'alice');
  assert.match(session.accessToken, /^ey/);
});

test('an ID token with another nonce, issuer, audience, or expired, is refused', async () => {
  const {pending} = await started();
  const accept = (claims, extra) =>
    oidc.acceptTokens(answer(pending, claims, extra), {config: CONFIG, metadata: METADATA, pending, now: NOW});
  assert.throws(() => accept({nonce: 'replayed'}), /nonce/);
  assert.throws(() => accept({nonce: undefined}), /nonce/);
  assert.throws(() => accept({iss: 'https://evil.example'}), /issuer/);
  assert.throws(() => accept({aud: 'another-client'}), /not for this client/);
  assert.throws(() => accept({aud: ['soc-dashboard', 'x'], azp: 'x'}), /not for this client/);
  assert.throws(() => accept({exp: NOW / 1000 - 1}), /expired/);
  assert.throws(() => accept({}, {token_type: 'mac'}), /Bearer/);
  assert.throws(() => accept({}, {id_token: undefined}), /no ID token/);
  assert.throws(() => accept({}, {access_token: ''}), /no access token/);
  assert.doesNotThrow(() => accept({aud: ['soc-dashboard', 'api']}));
});

test('without expires_in the session lasts as long as the access token', async () => {
  const {pending} = await started();
  const session = oidc.acceptTokens(answer(pending, {}, {expires_in: undefined}),
    {config: CONFIG, metadata: METADATA, pending, now: NOW});
  assert.equal(session.expiresAt, NOW + 600_000);
});

test('an expired session (or one about to be) is dropped from storage', () => {
  const store = storage();
  oidc.saveSession(store, {accessToken: 'a', idToken: 'i', expiresAt: NOW + 120_000});
  assert.equal(oidc.loadSession(store, NOW).accessToken, 'a');
  assert.equal(oidc.expiresIn(oidc.loadSession(store, NOW), NOW), 120_000 - oidc.EXPIRY_MARGIN_MS);
  assert.equal(oidc.loadSession(store, NOW + 120_000 - oidc.EXPIRY_MARGIN_MS), null);
  assert.equal(store.getItem(oidc.SESSION), null);
});

test('signing out drops the tokens and names the provider\'s end-session URL', () => {
  const store = storage();
  oidc.saveSession(store, {accessToken: 'a', idToken: 'the-id-token', expiresAt: NOW + 120_000});
  const url = new URL(oidc.signOut({storage: store, metadata: METADATA, config: CONFIG, postLogoutRedirectUri: REDIRECT}));
  assert.equal(store.items.size, 0);
  assert.equal(url.origin + url.pathname, METADATA.end_session_endpoint);
  assert.equal(url.searchParams.get('id_token_hint'), 'the-id-token');
  assert.equal(url.searchParams.get('post_logout_redirect_uri'), REDIRECT);
  assert.equal(oidc.signOut({storage: store, metadata: {...METADATA, end_session_endpoint: undefined},
    config: CONFIG, postLogoutRedirectUri: REDIRECT}), null);
});

test('discovery: the configured issuer, both endpoints, S256', () => {
  assert.equal(oidc.discoveryUrl(ISSUER + '/'), ISSUER + '/.well-known/openid-configuration');
  assert.equal(oidc.checkDiscovery(METADATA, ISSUER), METADATA);
  assert.throws(() => oidc.checkDiscovery({...METADATA, issuer: 'https://evil.example'}, ISSUER), /issuer/);
  assert.throws(() => oidc.checkDiscovery({...METADATA, token_endpoint: undefined}, ISSUER), /token_endpoint/);
  assert.throws(() => oidc.checkDiscovery({...METADATA, code_challenge_methods_supported: ['plain']}, ISSUER), /S256/);
  assert.doesNotThrow(() => oidc.checkDiscovery({...METADATA, code_challenge_methods_supported: undefined}, ISSUER));
});

test('the page keeps credentials in sessionStorage only, and runs no inline script', () => {
  for (const file of ['app.js', 'oidc.js', 'index.html']) {
    assert.doesNotMatch(readFileSync(join(STATIC, file), 'utf8'), /localStorage|document\.cookie/, file);
  }
  const html = readFileSync(join(STATIC, 'index.html'), 'utf8');
  const scripts = html.match(/<script\b[^>]*>/g);
  assert.ok(scripts.length > 0);
  for (const tag of scripts) {
    assert.match(tag, /\bsrc="\/[^"]+\.js"/, tag);
  }
  assert.doesNotMatch(html, /\son[a-z]+=/i, 'no inline event handlers');
});
