// Channels through the SDK against a real local cluster. The server side of channels may not be there
// yet: a server that answers a watch frame with "type: must be one of ..." has none, and then these
// tests skip, saying so, until it does.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import WebSocket from 'ws';
import { PresenceClient } from '../src/index.js';
import { API_URL, CLUSTER, eventually, NO_CLUSTER, nextEvent, restAs, TEST_TIMEOUT_MS, token, userId } from './support/cluster.js';

const clients = [];
after(() => clients.forEach(client => client.close()));

function connectAs(user, options = {}) {
  const client = new PresenceClient({ url: API_URL, WebSocket, token: () => token(user), ...options });
  clients.push(client);
  return client;
}

/** null when the server has channels, else why the tests skip. */
async function channelsMissing() {
  const probe = connectAs(userId('channel-probe'));
  await probe.connect();
  const channel = userId('probe-room');
  const answer = Promise.race([
    nextEvent(probe, 'members', frame => frame.channel === channel).then(() => null),
    nextEvent(probe, 'error', error => error.code === 'bad_frame' && /^type:/.test(error.message))
      .then(error => `the server has no channels yet: it answered a watch frame with "${error.message}"`),
  ]);
  probe.watch(channel);
  try {
    return await answer;
  } finally {
    probe.close();
  }
}

describe('channels against a local cluster', { skip: CLUSTER ? false : NO_CLUSTER, timeout: TEST_TIMEOUT_MS }, () => {
  let missing = null;
  before(async () => {
    missing = await channelsMissing();
  });

  test('a watcher sees a member join, change status and leave, with occupancy', async t => {
    if (missing) {
      t.skip(missing);
      return;
    }
    const room = userId('room-1');
    const [lee, mia] = [userId('lee-c1'), userId('mia-c1')];
    const watcher = connectAs(lee);
    await watcher.connect();
    const members = nextEvent(watcher, 'members', frame => frame.channel === room);
    watcher.watch(room);
    assert.equal((await members).occupancy, 0);

    const member = connectAs(mia, { device: 'web' });
    await member.connect();
    const joined = nextEvent(watcher, 'member', frame => frame.userId === mia && frame.event === 'joined');
    member.join(room);
    assert.equal((await joined).occupancy, 1);
    assert.ok(watcher.channels.get(room).members.has(mia));
    const page = await eventually(() => restAs(lee).channel(room), answer => answer.occupancy === 1);
    assert.deepEqual(page.members.map(m => m.userId), [mia]);

    const updated = nextEvent(watcher, 'member', frame => frame.userId === mia && frame.event === 'updated'
      && frame.presence?.status === 'busy');
    member.setStatus('busy');
    await updated;
    assert.equal(watcher.channels.get(room).members.get(mia).presence.status, 'busy');

    const left = nextEvent(watcher, 'member', frame => frame.userId === mia && frame.event === 'left');
    member.leave(room);
    assert.equal((await left).occupancy, 0);
    assert.equal(watcher.channels.get(room).members.has(mia), false);
  });

  test('after a reconnect the watcher watches again and the member is still in the room', async t => {
    if (missing) {
      t.skip(missing);
      return;
    }
    const room = userId('room-2');
    const [ned, ola] = [userId('ned-c2'), userId('ola-c2')];
    const member = connectAs(ola, { device: 'web' });
    await member.connect();
    member.join(room);
    const watcher = connectAs(ned);
    await watcher.connect();
    watcher.watch(room);
    await eventually(async () => watcher.channels.get(room)?.occupancy, occupancy => occupancy === 1);

    const again = nextEvent(watcher, 'members', frame => frame.channel === room);
    watcher.reconnect();
    const members = await again;
    assert.equal(members.occupancy, 1);
    assert.deepEqual(members.members.map(m => m.userId), [ola]);
  });
});
