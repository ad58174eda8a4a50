// The presence-grid dashboard: counts and grid nodes from GET /v1/admin/stats (admin scope), and a live
// feed of presence changes over the real WebSocket /v1/ws, through the client SDK. Everything the server
// or the user supplies is put on the page with textContent or setAttribute, never as HTML.
import { PresenceClient } from './sdk/index.js';

// A module: what follows is private to it, and runs once the page is parsed.
const TOKEN_KEY = 'presence.token';
const STATS_EVERY_MS = 3000;
const FEED_LIMIT = 200;
const STATUSES = ['online', 'away', 'busy', 'invisible', 'offline'];
const $ = id => document.getElementById(id);

let token = null;
let statsTimer = null;
let client = null;
const followedRows = new Map();

// ---- sign in: the token lives in this tab's sessionStorage, nowhere else ----

function signIn(newToken) {
  token = newToken.trim();
  if (!token) {
    return;
  }
  sessionStorage.setItem(TOKEN_KEY, token);
  $('token').value = '';
  $('sign-out').hidden = false;
  const claims = tokenClaims(token);
  $('who').textContent = claims
    ? `Signed in as ${claims.sub} (scope: ${claims.scope || 'none'})`
    : 'Signed in with a token that is not a readable JWT; the API will judge it.';
  stopStats();
  refreshStats();
  closeSocket();
  connect();
}

function signOut() {
  token = null;
  sessionStorage.removeItem(TOKEN_KEY);
  stopStats();
  closeSocket();
  $('sign-out').hidden = true;
  $('who').textContent = 'Not signed in. The token stays in this tab only (sessionStorage).';
}

/** The JWT's claims for display only: the API verifies the token, the page never trusts this. */
function tokenClaims(jwt) {
  try {
    const base64 = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(base64.padEnd(Math.ceil(base64.length / 4) * 4, '=')), c => c.charCodeAt(0));
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch (notAJwt) {
    return null;
  }
}

// ---- counts and grid: polled, one request at a time ----

async function refreshStats() {
  if (!token) {
    return;
  }
  try {
    const response = await fetch('/v1/admin/stats', {
      headers: { Authorization: `Bearer ${token}` }, cache: 'no-store'
    });
    if (response.ok) {
      renderStats(await response.json());
      notice('stats-message', null);
    } else {
      notice('stats-message', statsProblem(response.status));
    }
  } catch (unreachable) {
    notice('stats-message', `The API is unreachable: ${unreachable.message}`);
  } finally {
    if (token) {
      statsTimer = setTimeout(refreshStats, STATS_EVERY_MS);
    }
  }
}

function statsProblem(status) {
  switch (status) {
    case 403: return 'Counts and grid nodes need the presence:admin scope: sign in with a token from '
      + 'scripts/token.sh USER --admin. The live feed works with any token.';
    case 401: return 'The API refused the token: expired, or not signed with this API\'s secret.';
    case 404: return 'This API node has no /v1/admin/stats.';
    case 429: return 'Rate limited; retrying.';
    case 503: return 'The grid is unreachable (503); retrying.';
    default: return `Stats failed with HTTP ${status}; retrying.`;
  }
}

function stopStats() {
  clearTimeout(statsTimer);
  statsTimer = null;
}

function renderStats(stats) {
  const byStatus = stats.byStatus || {};
  STATUSES.forEach(status => { $(`count-${status}`).textContent = String(byStatus[status] ?? 0); });
  $('count-users').textContent = String(stats.users ?? '-');
  $('count-sessions').textContent = String(stats.sessions ?? '-');
  const devices = Object.entries(stats.byDevice || {}).map(([device, count]) => `${device} ${count}`);
  if (stats.otherDevices) {
    devices.push(`other ${stats.otherDevices}`);
  }
  $('count-devices').textContent = devices.length ? devices.join(', ') : 'no devices';
  $('stats-at').textContent = stats.at ? new Date(stats.at).toLocaleTimeString() : '-';
  const grid = stats.grid || {};
  $('grid-state').textContent = String(grid.state ?? '-');
  $('grid-servers').textContent = String(grid.servers ?? '-');
  $('grid-clients').textContent = String(grid.clients ?? '-');
  $('grid-nodes').replaceChildren(...(grid.nodes || []).map(node => row([
    node.consistentId, node.order, node.client ? 'client' : 'server', (node.addresses || []).join(', '), node.id
  ])));
}

// ---- live feed over /v1/ws, through the client SDK (served from clients/js/src as ./sdk/) ----

function connect() {
  const current = new PresenceClient({ url: location.origin, token: () => token });
  client = current;
  // A dropped connection or a 1012 (the API lost the grid): the SDK reconnects with backoff,
  // subscribes again and merges the fresh snapshot by version.
  current.on('state', event => socketState(event.state === 'reconnecting' && event.code
    ? `reconnecting (${event.code})` : event.state));
  current.on('snapshot', event => event.presence.forEach(view => showFollowed(current.presence.get(view.userId) ?? view)));
  current.on('presence', frame => {
    showFollowed(current.presence.get(frame.userId));
    addFeedRow(frame);
  });
  current.on('error', error => notice('feed-message', `${error.code}: ${error.message}`));
  current.connect();
}

function closeSocket() {
  if (client) {
    client.close(1000, 'signed out');
    client = null;
  }
  socketState('closed');
}

function follow(text) {
  const userIds = text.split(/[\s,]+/).filter(Boolean);
  if (!userIds.length) {
    return;
  }
  if (!token || !client) {
    notice('feed-message', 'Sign in with a token first.');
    return;
  }
  notice('feed-message', null);
  try {
    // Sent now when the socket is open, else as soon as it is (and again after every reconnect).
    client.subscribe(userIds);
  } catch (invalid) {
    notice('feed-message', invalid.message);
  }
}

function unfollow(userId) {
  client?.unsubscribe([userId]);
  const tr = followedRows.get(userId);
  followedRows.delete(userId);
  if (tr) {
    tr.remove();
  }
}

function showFollowed(view) {
  let tr = followedRows.get(view.userId);
  if (!tr) {
    tr = document.createElement('tr');
    tr.setAttribute('data-user', view.userId);
    followedRows.set(view.userId, tr);
    $('followed').append(tr);
  }
  const stop = document.createElement('button');
  stop.type = 'button';
  stop.textContent = 'unfollow';
  stop.addEventListener('click', () => unfollow(view.userId));
  const actions = document.createElement('td');
  actions.append(stop);
  tr.replaceChildren(...cells([view.userId, view.status, view.message ?? '', view.version, time(view.updatedAt)]), actions);
  tr.children[1].className = statusClass(view.status);
}

function addFeedRow(frame) {
  const tr = row([time(frame.at), frame.userId, frame.status, frame.previous, frame.reason, frame.version]);
  tr.setAttribute('data-user', frame.userId);
  tr.setAttribute('data-version', String(frame.version));
  tr.children[2].className = statusClass(frame.status);
  const feed = $('feed');
  feed.prepend(tr);
  while (feed.children.length > FEED_LIMIT) {
    feed.lastChild.remove();
  }
}

// ---- small DOM helpers: text only ----

function row(values) {
  const tr = document.createElement('tr');
  tr.append(...cells(values));
  return tr;
}

function cells(values) {
  return values.map(value => {
    const td = document.createElement('td');
    td.textContent = value === null || value === undefined ? '' : String(value);
    return td;
  });
}

function statusClass(status) {
  return STATUSES.includes(status) ? `status status-${status}` : 'status';
}

function time(iso) {
  return iso ? new Date(iso).toLocaleTimeString() : '';
}

function notice(id, text) {
  const element = $(id);
  element.textContent = text || '';
  element.hidden = !text;
}

function socketState(text) {
  const badge = $('socket-state');
  badge.textContent = text;
  badge.className = text === 'open' ? 'badge open' : 'badge';
}

$('login').addEventListener('submit', event => { event.preventDefault(); signIn($('token').value); });
$('sign-out').addEventListener('click', signOut);
$('follow-form').addEventListener('submit', event => {
  event.preventDefault();
  follow($('follow-users').value);
  $('follow-users').value = '';
});
const saved = sessionStorage.getItem(TOKEN_KEY);
if (saved) {
  signIn(saved);
}
