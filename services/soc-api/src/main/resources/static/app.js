// Everything shown comes from finding fields, i.e. untrusted text: it is only ever set through
// textContent, never innerHTML.
import * as oidc from './oidc.js';
import * as live from './live.js';

const tbody = document.getElementById('threats');
const agentsBody = document.getElementById('agents');
const detail = document.getElementById('detail');
const status = document.getElementById('status');
const login = document.getElementById('login');
const oidcLogin = document.getElementById('oidc-login');
const logout = document.getElementById('logout');

// Credentials live in this tab's sessionStorage only (gone when the tab closes) and go out as a
// header, never as a cookie: nothing a cross-site request could carry along (no CSRF). An API key
// (or a pasted token) is kept under STORAGE; the OIDC sign-in's tokens by oidc.js.
const STORAGE = 'socApiCredential';
// when the dashboard last sent the browser to the provider on its own (expiry, a 401): at most once
// a minute, so that a token the API keeps refusing cannot bounce the tab back and forth
const AUTO_SIGN_IN = 'socOidcAutoSignInAt';
let provider = null; // {config, metadata} when soc-api names an OpenID provider and its discovery worked
let expiryTimer = null;
let updates = null; // the AbortController of the open update stream, null while there is none
let shown = null; // {threatId, investigationId} of the threat in the detail pane
let refreshTimer = null;

function authHeaders() {
  const value = sessionStorage.getItem(STORAGE);
  if (value) {
    // an API key is X-Api-Key; anything else (a JWT from the identity provider) a bearer token
    return value.startsWith('soc_') ? {'X-Api-Key': value} : {'Authorization': 'Bearer ' + value};
  }
  const session = oidc.loadSession(sessionStorage);
  return session ? {'Authorization': 'Bearer ' + session.accessToken} : null;
}
function signedIn(yes) {
  login.classList.toggle('hidden', yes);
  oidcLogin.classList.toggle('hidden', yes || !provider);
  logout.classList.toggle('hidden', !yes);
  const session = oidc.loadSession(sessionStorage);
  logout.textContent = yes && session && !sessionStorage.getItem(STORAGE) ? 'Sign out ' + session.name : 'Sign out';
}
function redirectUri() {
  return provider.config.redirectUri || (location.origin + '/');
}

async function signIn() {
  sessionStorage.removeItem(STORAGE);
  const url = await oidc.authorizationRequest({
    config: provider.config, metadata: provider.metadata, redirectUri: redirectUri(), storage: sessionStorage
  });
  location.assign(url);
}

// The token expired, or the API refused it: sign in again at the provider (whose own session
// usually makes that a round trip without a form), unless that was just tried.
function signInAgain(reason) {
  stopUpdates();
  sessionStorage.removeItem(oidc.SESSION);
  clearTimeout(expiryTimer);
  signedIn(false);
  tbody.replaceChildren();
  const last = Number(sessionStorage.getItem(AUTO_SIGN_IN) || 0);
  if (provider && Date.now() - last > 60_000) {
    sessionStorage.setItem(AUTO_SIGN_IN, String(Date.now()));
    status.textContent = reason + ': signing in again…';
    signIn().catch(e => { status.textContent = 'cannot sign in: ' + e.message; });
  } else {
    status.textContent = reason + ': sign in again';
  }
}

function watchExpiry() {
  clearTimeout(expiryTimer);
  const session = oidc.loadSession(sessionStorage);
  if (session) {
    expiryTimer = setTimeout(() => signInAgain('the sign-in expired'), oidc.expiresIn(session));
  }
}

async function completeSignIn(url) {
  const {code, pending} = oidc.callback(url, sessionStorage);
  const request = oidc.tokenRequest({config: provider.config, metadata: provider.metadata, code, pending});
  const response = await fetch(request.url, {method: 'POST', body: request.body, headers: {'Accept': 'application/json'}});
  const answer = await response.json().catch(() => null);
  if (!response.ok) {
    throw new oidc.OidcError('the token endpoint refused the code: ' + ((answer && answer.error) || ('HTTP ' + response.status)));
  }
  const session = oidc.acceptTokens(answer, {config: provider.config, metadata: provider.metadata, pending});
  oidc.saveSession(sessionStorage, session);
  status.textContent = 'signed in as ' + session.name;
}

async function api(path) {
  const headers = authHeaders();
  if (!headers) {
    throw new Error('not signed in');
  }
  const response = await fetch(path, {headers});
  if (response.status === 401) {
    if (sessionStorage.getItem(STORAGE)) {
      sessionStorage.removeItem(STORAGE);
      signedIn(false);
      throw new Error('the credential was refused (unknown, revoked or expired): sign in again');
    }
    signInAgain('the API refused the sign-in (expired or revoked)');
    throw new Error('the API refused the sign-in');
  }
  if (!response.ok) {
    const problem = await response.json().catch(() => ({}));
    throw new Error(problem.title || ('HTTP ' + response.status));
  }
  return response.json();
}
login.addEventListener('submit', event => {
  event.preventDefault();
  sessionStorage.removeItem(oidc.SESSION);
  sessionStorage.setItem(STORAGE, document.getElementById('credential').value.trim());
  document.getElementById('credential').value = '';
  signedIn(true);
  refresh();
  followUpdates();
});
oidcLogin.addEventListener('click', () => {
  sessionStorage.removeItem(AUTO_SIGN_IN);
  signIn().catch(e => { status.textContent = 'cannot sign in: ' + e.message; });
});
logout.addEventListener('click', () => {
  stopUpdates();
  sessionStorage.removeItem(STORAGE);
  sessionStorage.removeItem(AUTO_SIGN_IN);
  clearTimeout(expiryTimer);
  const hadSession = oidc.loadSession(sessionStorage) !== null;
  const endSession = provider
    ? oidc.signOut({storage: sessionStorage, metadata: provider.metadata, config: provider.config,
                    postLogoutRedirectUri: redirectUri()})
    : oidc.signOut({storage: sessionStorage, metadata: null, config: null, postLogoutRedirectUri: null});
  signedIn(false);
  tbody.replaceChildren();
  agentsBody.replaceChildren();
  status.textContent = 'signed out';
  if (hadSession && endSession) {
    location.assign(endSession); // and the provider's session too (RP-initiated logout)
  }
});

function cell(text, className) {
  const td = document.createElement('td');
  if (className) {
    const span = document.createElement('span');
    span.className = 'sev ' + className;
    span.textContent = text;
    td.appendChild(span);
  } else {
    td.textContent = text;
  }
  return td;
}

async function showThreat(id) {
  const threat = await api('/api/v1/threats/' + encodeURIComponent(id));
  shown = {threatId: id, investigationId: threat.investigationId};
  const f = threat.finding;
  detail.replaceChildren();
  const h = document.createElement('h2');
  h.textContent = f.title;
  const p = document.createElement('p');
  p.textContent = f.description || '';
  const facts = document.createElement('pre');
  facts.textContent = JSON.stringify({
    severity: f.severity, source: f.source, format: f.format, type: f.findingType,
    account: f.accountId, region: f.region, firstSeen: f.firstSeen, lastSeen: f.lastSeen,
    resources: f.resources, indicators: f.indicators, correlationId: threat.correlationId,
    investigationId: threat.investigationId,
    classification: threat.classification,
    pipeline: threat.activity.map(a => a.occurredAt + '  ' + a.detailType)
  }, null, 2);
  detail.append(h, p, facts);
}

function stateCell(state) {
  const td = document.createElement('td');
  const span = document.createElement('span');
  span.className = 'state state-' + (['up', 'degraded', 'down'].includes(state) ? state : 'down');
  span.textContent = state;
  td.appendChild(span);
  return td;
}

function figure(value) { return value === null || value === undefined ? '?' : String(value); }

// One row per agent; its instances' figures summed (breakers: the worst), the reporting ones only.
function agentRow(agent) {
  const live = agent.instances.filter(i => i.state !== 'down');
  const models = live.flatMap(i => i.models);
  const sum = key => models.reduce((total, m) => total + m[key], 0);
  const breakers = [...new Set(models.map(m => m.breaker).filter(b => b))];
  const queues = new Map();
  for (const q of live.flatMap(i => i.queues)) {
    const known = queues.get(q.queue) || {waiting: null, running: null, deadLetters: null};
    for (const key of ['waiting', 'running', 'deadLetters']) {
      if (q[key] !== null) {
        // dead letters are the queue's, seen alike by every instance; the rest each instance's own
        known[key] = key === 'deadLetters' ? Math.max(known[key] || 0, q[key]) : (known[key] || 0) + q[key];
      }
    }
    queues.set(q.queue, known);
  }
  const last = agent.instances.map(i => i.reportedAt).sort().pop();
  const tr = document.createElement('tr');
  tr.append(cell(agent.agent), stateCell(agent.state),
            cell(agent.instances.filter(i => i.state === 'up').length + ' / ' + agent.instances.length),
            cell([...new Set(live.map(i => i.modelMode))].join(', ') || '-'),
            cell(models.length ? sum('inFlight') + ' / ' + sum('limit') : '-'),
            cell(models.length ? String(sum('waiting')) : '-'),
            cell(models.length ? String(sum('limiterWaits')) : '-'),
            cell(models.length ? String(sum('throttled')) : '-'),
            cell(models.length ? String(sum('overQuota')) : '-'),
            cell(breakers.join(', ') || '-'),
            cell([...queues].map(([name, q]) =>
              name + ': ' + figure(q.waiting) + ' · ' + figure(q.running) + ' · ' + figure(q.deadLetters)).join('\n') || '-'),
            cell(last ? new Date(last).toLocaleTimeString() : 'never'));
  return tr;
}

async function refreshAgents() {
  try {
    const agents = await api('/api/v1/agents');
    agentsBody.replaceChildren(...agents.map(agentRow));
  } catch (e) {
    const tr = document.createElement('tr');
    const td = cell('cannot read the agents: ' + e.message);
    td.colSpan = 12;
    tr.appendChild(td);
    agentsBody.replaceChildren(tr);
  }
}

async function refresh() {
  if (!authHeaders()) {
    return;
  }
  refreshAgents();
  try {
    const threats = await api('/api/v1/threats?limit=200');
    tbody.replaceChildren(...threats.map(t => {
      const tr = document.createElement('tr');
      tr.className = 'threat';
      tr.append(cell(t.severity, t.severity), cell(t.title), cell(t.findingType), cell(t.source),
                cell(new Date(t.submittedAt).toLocaleString()));
      tr.addEventListener('click', () => showThreat(t.threatId));
      return tr;
    }));
    status.textContent = threats.length + ' threats · refreshed ' + new Date().toLocaleTimeString();
  } catch (e) {
    status.textContent = 'cannot read threats: ' + e.message;
  }
}
// Live updates: each update re-reads the list (at most every 250 ms) and the threat on show when it
// is the one that moved. The stream reconnects with a back-off; while it is down the list is polled.
function scheduleRefresh() {
  if (refreshTimer === null) {
    refreshTimer = setTimeout(() => { refreshTimer = null; refresh(); }, 250);
  }
}
function stopUpdates() {
  if (updates) {
    updates.abort();
    updates = null;
  }
}
async function followUpdates() {
  stopUpdates();
  const controller = new AbortController();
  updates = controller;
  let failures = 0;
  while (updates === controller && authHeaders()) {
    try {
      await live.follow({
        url: '/api/v1/threats/updates', headers: authHeaders(), signal: controller.signal,
        onOpen: () => { failures = 0; scheduleRefresh(); }, // catch up on what came while not connected
        onUpdate: update => {
          scheduleRefresh();
          if (shown && (update.threatId === shown.threatId || update.investigationId === shown.investigationId)) {
            showThreat(shown.threatId).catch(() => {});
          }
        },
        onOverflow: scheduleRefresh
      });
    } catch (e) {
      if (controller.signal.aborted) {
        return;
      }
      if (e.status === 401 || e.status === 403) {
        refresh(); // api() handles the refused credential (sign in again)
        break;
      }
      failures++;
    }
    await new Promise(resume => setTimeout(resume, live.reconnectDelay(Math.max(1, failures))));
  }
  if (updates === controller) {
    updates = null;
  }
}

async function start() {
  const settings = await fetch('/api/v1/dashboard/config')
    .then(response => response.ok ? response.json() : {oidc: null})
    .catch(() => ({oidc: null}));
  if (settings.oidc) {
    try {
      const response = await fetch(oidc.discoveryUrl(settings.oidc.issuer), {headers: {'Accept': 'application/json'}});
      provider = {config: settings.oidc,
                  metadata: oidc.checkDiscovery(await response.json(), settings.oidc.issuer)};
      oidcLogin.textContent = 'Sign in with ' + new URL(settings.oidc.issuer).host;
      status.textContent = 'sign in with ' + new URL(settings.oidc.issuer).host + ' or an API key';
    } catch (e) {
      status.textContent = 'OIDC sign-in is unavailable (' + e.message + '); an API key still works';
    }
  }
  if (oidc.isCallback(location.href)) {
    const url = location.href;
    history.replaceState(null, '', location.pathname); // the code leaves the address bar at once
    try {
      if (!provider) {
        throw new oidc.OidcError('the OpenID provider is not reachable');
      }
      await completeSignIn(url);
    } catch (e) {
      status.textContent = 'sign-in failed: ' + e.message;
    }
  }
  watchExpiry();
  signedIn(authHeaders() !== null);
  refresh();
  if (authHeaders()) {
    followUpdates();
  }
  // a poll while the stream is down, and a slow one always (another soc-api instance's updates)
  setInterval(() => { if (!updates) refresh(); }, 5000);
  setInterval(refresh, 30_000);
}
start();
