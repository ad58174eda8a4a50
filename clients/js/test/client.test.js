// PresenceClient against a fake socket: reconnects, backoff, re-subscribe, merge, keep-alive and the
// token provider, without a server. The same behaviour against a real cluster: cluster.test.js.
import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { PresenceClient, socketUrl } from '../src/index.js';
import { fakeSocketClass, unsignedJwt, until, view } from './support/fake-socket.js';

const clients = [];
afterEach(() => clients.splice(0).forEach(client => client.close()));

function client(options = {}) {
  const { FakeWebSocket, sockets } = fakeSocketClass();
  let tokenCalls = 0;
  const created = new PresenceClient({
    url: 'http://api.test:8080', WebSocket: FakeWebSocket, backoff: { baseMs: 1, capMs: 4 },
    token: async () => `token-${++tokenCalls}`, ...options,
  });
  clients.push(created);
  return { client: created, sockets, tokenCalls: () => tokenCalls };
}

test('the socket URL carries the token as access_token and the device', async () => {
  const { client: c, sockets } = client({ device: 'laptop' });
  c.connect();
  await until(() => sockets.length === 1);
  assert.equal(sockets[0].url.pathname, '/v1/ws');
  assert.equal(sockets[0].url.searchParams.get('access_token'), 'token-1');
  assert.equal(sockets[0].url.searchParams.get('device'), 'laptop');
  assert.equal(socketUrl('https://api.example/base/'), 'wss://api.example/base/v1/ws');
});

test('connect resolves on the connect snapshot, which fills the presence view', async () => {
  const { client: c, sockets } = client();
  const states = [];
  c.on('state', event => states.push(event.state));
  const ready = c.connect();
  await until(() => sockets.length === 1);
  sockets[0].serverOpen([view('ann', 3, 'busy')]);
  await ready;
  assert.equal(c.state, 'open');
  assert.deepEqual(states, ['connecting', 'open']);
  assert.equal(c.presence.get('ann').status, 'busy');
});

test('a lost connection is reopened with a new token, and subscriptions, status and channels are sent again', async () => {
  const { client: c, sockets, tokenCalls } = client({ device: 'phone' });
  const ready = c.connect();
  await until(() => sockets.length === 1);
  sockets[0].serverOpen();
  await ready;
  c.subscribe(['ann', 'bob']);
  c.setStatus('away', 'lunch', { inCall: false });
  c.join('room-1');
  c.watch('room-2');

  sockets[0].serverClose(1012, 'grid lost');
  await until(() => sockets.length === 2, { message: 'a second socket' });
  assert.equal(tokenCalls(), 2, 'the provider is called for every reconnect');
  assert.equal(sockets[1].url.searchParams.get('access_token'), 'token-2');
  sockets[1].serverOpen();
  assert.deepEqual(sockets[1].sent.map(frame => frame.type), ['status', 'subscribe', 'join', 'watch']);
  assert.deepEqual(sockets[1].sentOfType('subscribe')[0].userIds, ['ann', 'bob']);
  assert.deepEqual(sockets[1].sentOfType('status')[0], { type: 'status', status: 'away', message: 'lunch', meta: { inCall: false } });
});

test('after a reconnect the fresh snapshot never takes a user back to an older version', async () => {
  const { client: c, sockets } = client();
  c.connect();
  await until(() => sockets.length === 1);
  sockets[0].serverOpen([view('ann', 1, 'online')]);
  sockets[0].serverSend({ type: 'presence', userId: 'ann', status: 'busy', previous: 'online', message: null,
    devices: [], lastSeenAt: null, version: 4, reason: 'update', at: '2026-12-03T10:00:00Z' });
  sockets[0].serverClose();
  await until(() => sockets.length === 2);
  const snapshots = [];
  c.on('snapshot', event => snapshots.push(event));
  sockets[1].serverOpen([view('ann', 3, 'away'), view('bob', 2, 'online')]);
  assert.equal(c.presence.get('ann').version, 4);
  assert.equal(c.presence.get('ann').status, 'busy');
  assert.deepEqual(snapshots[0].applied.map(v => v.userId), ['bob'], 'only the new user counts as applied');
});

test('reconnect delays follow full-jitter backoff and start again from the base once a connection works', async () => {
  const delays = [];
  const { client: c, sockets } = client({ backoff: { baseMs: 2, capMs: 8 }, random: () => 0.99 });
  c.on('state', event => event.state === 'reconnecting' && delays.push(event.delayMs));
  c.connect();
  for (let n = 1; n <= 5; n++) {
    await until(() => sockets.length === n);
    sockets[n - 1].serverClose(1006);
  }
  await until(() => sockets.length === 6);
  assert.deepEqual(delays, [1, 3, 7, 7, 7], 'floor(0.99 * min(8, 2 * 2^n))');
  sockets[5].serverOpen();
  sockets[5].serverClose(1006);
  assert.equal(delays.at(-1), 1, 'back to the base after the snapshot proved the connection');
});

test('an unanswered ping closes the connection and reconnects', async () => {
  const { client: c, sockets } = client({ pingIntervalMs: 5, pongTimeoutMs: 20 });
  c.connect();
  await until(() => sockets.length === 1);
  sockets[0].serverOpen();
  await until(() => sockets[0].sentOfType('ping').length === 1, { message: 'a ping' });
  await until(() => sockets.length === 2, { message: 'a reconnect after no pong' });
  assert.equal(sockets[0].closedWith.code, 4000);
});

test('an answered ping keeps the connection', async () => {
  const { client: c, sockets } = client({ pingIntervalMs: 5, pongTimeoutMs: 30 });
  c.connect();
  await until(() => sockets.length === 1);
  sockets[0].serverOpen();
  const answer = setInterval(() => sockets[0].serverSend({ type: 'pong' }), 3);
  try {
    await until(() => sockets[0].sentOfType('ping').length >= 5, { message: 'five pings' });
  } finally {
    clearInterval(answer);
  }
  assert.equal(sockets.length, 1);
  assert.equal(sockets[0].closedWith, null);
});

test('the token provider is asked again before the token expires', async () => {
  let calls = 0;
  const { client: c, sockets } = client({
    refreshBeforeMs: 60_000,
    token: async () => unsignedJwt({ sub: 'ann', exp: (Date.now() + 60_050) / 1000, n: ++calls }),
  });
  c.connect();
  await until(() => sockets.length === 1);
  sockets[0].serverOpen();
  await until(() => calls >= 2, { message: 'a refresh before exp' });
  assert.equal(sockets.length, 1, 'the open socket stays: it was authenticated at its handshake');
});

test('events are emitted only when they change the view, server errors as error events', async () => {
  const { client: c, sockets } = client();
  const presence = [];
  const errors = [];
  c.on('presence', event => presence.push(event.version));
  c.on('error', event => errors.push(event.code));
  c.connect();
  await until(() => sockets.length === 1);
  sockets[0].serverOpen([view('ann', 5)]);
  for (const version of [4, 5, 6, 6, 7]) {
    sockets[0].serverSend({ type: 'presence', userId: 'ann', status: 'online', version, reason: 'update' });
  }
  sockets[0].serverSend({ type: 'error', code: 'bad_frame', message: 'type: must be one of ...' });
  sockets[0].serverSend({ type: 'something-new' });
  assert.deepEqual(presence, [6, 7]);
  assert.deepEqual(errors, ['bad_frame']);
});

test('members and member frames keep the channel view', async () => {
  const { client: c, sockets } = client();
  c.connect();
  await until(() => sockets.length === 1);
  sockets[0].serverOpen();
  c.watch('room');
  sockets[0].serverSend({ type: 'members', channel: 'room', occupancy: 3,
    members: [{ userId: 'ann', devices: ['web'], presence: view('ann', 2) }] });
  sockets[0].serverSend({ type: 'member', channel: 'room', userId: 'bob', event: 'joined', presence: view('bob', 1), occupancy: 4 });
  sockets[0].serverSend({ type: 'member', channel: 'room', userId: 'ann', event: 'updated', presence: view('ann', 1, 'away'), occupancy: 4 });
  sockets[0].serverSend({ type: 'member', channel: 'room', userId: 'ann', event: 'left', presence: view('ann', 3), occupancy: 3 });
  const room = c.channels.get('room');
  assert.equal(room.occupancy, 3, 'occupancy as the server counts it, hidden members included');
  assert.deepEqual([...room.members.keys()], ['bob']);
});

test('unsubscribe drops the users from the view; device-only calls need a device', async () => {
  const { client: c, sockets } = client();
  c.connect();
  await until(() => sockets.length === 1);
  sockets[0].serverOpen([view('ann', 1)]);
  c.subscribe('ann');
  c.unsubscribe(['ann']);
  assert.equal(c.presence.has('ann'), false);
  assert.deepEqual(c.subscriptions, []);
  assert.throws(() => c.setStatus('away'), /device/);
  assert.throws(() => c.join('room'), /device/);
  assert.throws(() => c.subscribe(['no spaces']), TypeError);
});

test('close stops reconnecting and says closed', async () => {
  const { client: c, sockets } = client();
  c.connect();
  await until(() => sockets.length === 1);
  sockets[0].serverOpen();
  c.close();
  assert.equal(c.state, 'closed');
  assert.equal(sockets[0].closedWith.code, 1000);
  await new Promise(resolve => setTimeout(resolve, 30));
  assert.equal(sockets.length, 1);
});
