// Everything shown comes from finding fields, i.e. untrusted text: it is only ever set through
// textContent, never innerHTML.
const tbody = document.getElementById('threats');
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

async function refresh() {
  if (!credential()) {
    return;
  }
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
