// The SDK against a real local cluster (clients/js/run-tests.sh starts it): sockets, REST, a restart
// of the API node in the middle of a session. Without the cluster every test here is skipped.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import WebSocket from 'ws';
import { PresenceClient, PresenceRest, ProblemError } from '../src/index.js';
import { API_URL, CLUSTER, cluster, eventually, NO_CLUSTER, nextEvent, restAs, TEST_TIMEOUT_MS, token, tokenValidFor, userId } from './support/cluster.js';

const clients = [];
after(() => clients.forEach(client => client.close()));

function connectAs(user, options = {}) {
  let tokenCalls = 0;
  const client = new PresenceClient({
    url: API_URL, WebSocket,
    token: async () => {
      tokenCalls++;
      return token(user);
    },
    // Small delays: the restart test should not wait out a 30 s cap once the API is back.
    backoff: { baseMs: 200, capMs: 2000 },
    ...options,
  });
  clients.push(client);
  client.tokenCalls = () => tokenCalls;
  return client;
}

describe('against a local cluster', { skip: CLUSTER ? false : NO_CLUSTER, timeout: TEST_TIMEOUT_MS }, () => {
  test('a subscriber sees another user\'s REST update as a presence event and in its view', async () => {
    const [viewer, ann] = [userId('viewer-1'), userId('ann-1')];
    const client = connectAs(viewer);
    await client.connect();
    const snapshot = nextEvent(client, 'snapshot', event => event.presence.some(v => v.userId === ann));
    client.subscribe([ann]);
    assert.equal((await snapshot).presence.find(v => v.userId === ann).status, 'offline');

    const event = nextEvent(client, 'presence', frame => frame.userId === ann);
    await restAs(ann).update({ userId: ann, status: 'busy', device: 'laptop', message: 'in a meeting' });
    const frame = await event;
    assert.equal(frame.status, 'busy');
    assert.equal(frame.reason, 'update');
    assert.equal(frame.version, 1);
    assert.equal(client.presence.get(ann).message, 'in a meeting');
    client.close();
  });

  test('setStatus over a device socket is what REST reads', async () => {
    const bob = userId('bob-2');
    const client = connectAs(bob, { device: 'phone' });
    await client.connect();
    const rest = restAs(bob);
    assert.equal((await rest.get(bob)).devices[0].device, 'phone', 'the device socket brought the device online');

    client.setStatus('away', 'back at 3', { app: 'sdk-test', inCall: false });
    const view = await eventually(() => rest.get(bob), answer => answer.status === 'away');
    assert.equal(view.status, 'away');
    assert.equal(view.message, 'back at 3');
    assert.deepEqual(view.devices.map(d => [d.device, d.status, d.meta]), [['phone', 'away', { app: 'sdk-test', inCall: false }]]);
    client.close();
  });

  test('the token provider is called again for a reconnect, and the client comes back by itself', async () => {
    const client = connectAs(userId('carol-3'));
    await client.connect();
    assert.equal(client.tokenCalls(), 1);
    client.reconnect();
    assert.equal(client.state, 'reconnecting');
    await client.connect();
    assert.equal(client.tokenCalls(), 2);
    assert.equal(client.state, 'open');
    client.close();
  });

  test('a token near its exp is replaced before it expires', async () => {
    const dave = userId('dave-4');
    const issued = [];
    const client = connectAs(dave, {
      refreshBeforeMs: 58_000,
      token: async () => {
        issued.push(Date.now());
        return tokenValidFor(dave, 60);
      },
    });
    await client.connect();
    const deadline = Date.now() + 10_000;
    while (issued.length < 2 && Date.now() < deadline) {
      await new Promise(resolve => setTimeout(resolve, 100));
    }
    assert.ok(issued.length >= 2, 'a second token within 10 s of a token valid for 60 s, refreshed 58 s before exp');
    assert.equal(client.state, 'open', 'the socket stays open through the refresh');
    client.close();
  });

  test('the snapshot after a reconnect leaves no user at an older version than seen', async () => {
    const [viewer, erin] = [userId('viewer-5'), userId('erin-5')];
    const rest = restAs(erin);
    const client = connectAs(viewer);
    await client.connect();
    // Changes made before the subscribe frame is handled would come as its snapshot, not as events.
    const subscribed = nextEvent(client, 'snapshot', event => event.presence.some(v => v.userId === erin));
    client.subscribe([erin]);
    await subscribed;
    for (const status of ['online', 'away', 'busy']) {
      const event = nextEvent(client, 'presence', frame => frame.userId === erin && frame.status === status);
      await rest.update({ userId: erin, status, device: 'web' });
      await event;
    }
    const seen = client.presence.get(erin).version;
    assert.equal(seen, 3);
    const snapshot = nextEvent(client, 'snapshot', event => event.presence.some(v => v.userId === erin));
    client.reconnect();
    const fresh = (await snapshot).presence.find(v => v.userId === erin);
    assert.ok(fresh.version >= seen, 'the server\'s snapshot');
    assert.equal(client.presence.get(erin).version, Math.max(seen, fresh.version));
    assert.equal(client.presence.get(erin).status, 'busy');
    client.close();
  });

  test('REST errors arrive as problems with status, title, detail and field', async () => {
    const frank = userId('frank-6');
    const rest = restAs(frank);
    const never = await rest.get(userId('never-seen')).catch(e => e);
    assert.ok(never instanceof ProblemError);
    assert.equal(never.status, 404);
    assert.ok(never.title && never.detail);

    const badStatus = await rest.update({ userId: frank, status: 'asleep' }).catch(e => e);
    assert.equal(badStatus.status, 400);
    assert.equal(badStatus.field, 'status');

    const forOther = await rest.update({ userId: userId('someone-else'), status: 'online' }).catch(e => e);
    assert.equal(forOther.status, 403);

    const forged = new PresenceRest({ url: API_URL, token: 'e30.e30.forged' });
    assert.equal((await forged.get(frank).catch(e => e)).status, 401);
  });

  test('REST: batch get, privacy round trip and subscribe', async () => {
    const [gina, hal] = [userId('gina-7'), userId('hal-7')];
    const rest = restAs(gina);
    await rest.update({ userId: gina, status: 'online', device: 'web' });
    const views = await rest.getMany([gina, hal]);
    assert.deepEqual(views.map(v => [v.userId, v.status]), [[gina, 'online'], [hal, 'offline']]);

    const stored = await rest.putPrivacy(gina, { presence: 'allowed', lastSeen: 'nobody', allowed: [hal], blocked: [] });
    assert.deepEqual([stored.presence, stored.allowed], ['allowed', [hal]]);
    assert.equal((await rest.getPrivacy(gina)).lastSeen, 'nobody');

    const answer = await rest.subscribe(gina, [hal]);
    assert.deepEqual(answer.userIds, [hal]);
  });

  test('a REST subscribe reaches the open socket as a snapshot, then events', async () => {
    const [ivy, jon] = [userId('ivy-8'), userId('jon-8')];
    const client = connectAs(ivy);
    await client.connect();
    const snapshot = nextEvent(client, 'snapshot', event => event.presence.some(v => v.userId === jon));
    await restAs(ivy).subscribe(ivy, [jon]);
    await snapshot;
    const event = nextEvent(client, 'presence', frame => frame.userId === jon);
    await restAs(jon).update({ userId: jon, status: 'away' });
    assert.equal((await event).status, 'away');
    client.close();
  });

  test('a restart of the API node mid-session: the client reconnects, re-subscribes and sees later changes', async () => {
    const [viewer, kim] = [userId('viewer-9'), userId('kim-9')];
    const client = connectAs(viewer, { device: 'desk' });
    const states = [];
    const closeCodes = [];
    client.on('state', event => {
      states.push(event.state);
      if (event.state === 'reconnecting') closeCodes.push(event.code);
    });
    await client.connect();
    const subscribed = nextEvent(client, 'snapshot', event => event.presence.some(v => v.userId === kim));
    client.subscribe([kim]);
    await subscribed;
    client.setStatus('busy');
    const before = nextEvent(client, 'presence', frame => frame.userId === kim);
    await restAs(kim).update({ userId: kim, status: 'online' });
    await before;
    const callsBefore = client.tokenCalls();

    await cluster('api', 'stop', '0');
    assert.equal(await eventually(async () => client.state, state => state === 'reconnecting'), 'reconnecting',
      'the client noticed the API go');
    // A real SIGTERM, which no in-process test sends: the stopping node closes its sockets as going away
    // (1001) before its web server and grid client stop, and stops each part after what uses it.
    assert.equal(closeCodes[0], 1001, 'the stopping API node said it was going away');
    const apiLog = await readFile(path.join(process.env.PRESENCE_HOME, 'logs', 'api-0.log'), 'utf8');
    assert.ok(!apiLog.includes('Failed to stop bean'), 'the API node stopped every part cleanly');
    await cluster('api', 'start', '0');
    await client.connect();
    assert.ok(client.tokenCalls() > callsBefore, 'a new token for the new connection');
    assert.deepEqual(states.slice(0, 3), ['connecting', 'open', 'reconnecting']);
    assert.equal(states.at(-1), 'open');

    const after = nextEvent(client, 'presence', frame => frame.userId === kim && frame.status === 'away');
    await restAs(kim).update({ userId: kim, status: 'away' });
    const frame = await after;
    assert.ok(frame.version > 1);
    assert.equal(client.presence.get(kim).status, 'away');
    const mine = await eventually(() => restAs(viewer).get(viewer), view => view.status === 'busy');
    assert.equal(mine.status, 'busy', 'the device\'s status was sent again after the reconnect');
    client.close();
  });
});
