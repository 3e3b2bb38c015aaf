// Everything shown comes from finding fields, i.e. untrusted text: it is only ever set through
// textContent, never innerHTML.
const tbody = document.getElementById('threats');
const agentsBody = document.getElementById('agents');
const detail = document.getElementById('detail');
const status = document.getElementById('status');
const login = document.getElementById('login');
const logout = document.getElementById('logout');

// The credential lives in this tab's sessionStorage only (gone when the tab closes) and goes out
// as a header, never as a cookie: nothing a cross-site request could carry along (no CSRF).
const STORAGE = 'socApiCredential';
function credential() { return sessionStorage.getItem(STORAGE); }
function authHeaders() {
  const value = credential();
  // an API key is X-Api-Key; anything else (a JWT from the identity provider) a bearer token
  return value && value.startsWith('soc_') ? {'X-Api-Key': value} : {'Authorization': 'Bearer ' + value};
}
function signedIn(yes) {
  login.classList.toggle('hidden', yes);
  logout.classList.toggle('hidden', !yes);
}
async function api(path) {
  const response = await fetch(path, {headers: authHeaders()});
  if (response.status === 401) {
    sessionStorage.removeItem(STORAGE);
    signedIn(false);
    throw new Error('the credential was refused (unknown, revoked or expired): sign in again');
  }
  if (!response.ok) {
    const problem = await response.json().catch(() => ({}));
    throw new Error(problem.title || ('HTTP ' + response.status));
  }
  return response.json();
}
login.addEventListener('submit', event => {
  event.preventDefault();
  sessionStorage.setItem(STORAGE, document.getElementById('credential').value.trim());
  document.getElementById('credential').value = '';
  signedIn(true);
  refresh();
});
logout.addEventListener('click', () => {
  sessionStorage.removeItem(STORAGE);
  signedIn(false);
  tbody.replaceChildren();
  agentsBody.replaceChildren();
  status.textContent = 'signed out';
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
  if (!credential()) {
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
signedIn(Boolean(credential()));
refresh();
setInterval(refresh, 5000);
