import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PresenceView } from '../src/index.js';
import { view } from './support/fake-socket.js';

function event(userId, version, status, reason = 'update') {
  return { type: 'presence', userId, status, previous: 'online', message: null, devices: [], lastSeenAt: null,
    version, reason, at: '2026-12-03T10:00:00Z' };
}

test('a snapshot older than the version held does not move the view back', () => {
  const presence = new PresenceView();
  assert.equal(presence.mergeEvent(event('ann', 5, 'busy')), true);
  assert.equal(presence.mergeView(view('ann', 3, 'online')), false);
  assert.equal(presence.get('ann').status, 'busy');
  assert.equal(presence.get('ann').version, 5);
});

test('a snapshot of the same version is a repeat, not a change', () => {
  const presence = new PresenceView();
  presence.mergeView(view('ann', 2, 'away'));
  assert.equal(presence.mergeView(view('ann', 2, 'away')), false);
});

test('a newer snapshot or event replaces the view', () => {
  const presence = new PresenceView();
  presence.mergeView(view('ann', 2, 'away'));
  assert.equal(presence.mergeView(view('ann', 4, 'online')), true);
  assert.equal(presence.mergeEvent(event('ann', 6, 'busy')), true);
  assert.deepEqual([presence.get('ann').status, presence.get('ann').version], ['busy', 6]);
  assert.equal(presence.get('ann').updatedAt, '2026-12-03T10:00:00Z', 'the event time becomes the view\'s updatedAt');
});

test('an event older than the view is dropped', () => {
  const presence = new PresenceView();
  presence.mergeView(view('ann', 7, 'online'));
  assert.equal(presence.mergeEvent(event('ann', 6, 'offline')), false);
  assert.equal(presence.get('ann').status, 'online');
});

test('any interleaving of snapshots and events ends at the highest version seen', () => {
  const presence = new PresenceView();
  const frames = [];
  for (let version = 1; version <= 30; version++) {
    frames.push({ kind: 'view', value: view('ann', version, `s${version}`) });
    frames.push({ kind: 'event', value: event('ann', version, `s${version}`) });
  }
  let seed = 42;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  for (let round = 0; round < 50; round++) {
    presence.clear();
    const shuffled = [...frames].sort(() => random() - 0.5);
    let highest = 0;
    for (const frame of shuffled) {
      if (frame.kind === 'view') {
        presence.mergeView(frame.value);
      } else {
        presence.mergeEvent(frame.value);
      }
      highest = Math.max(highest, frame.value.version);
      assert.equal(presence.get('ann').version, highest, 'never below the highest version merged so far');
    }
    assert.equal(presence.get('ann').status, 's30');
  }
});

test('a privacy or deleted event replaces the view whatever its version', () => {
  const presence = new PresenceView();
  presence.mergeView(view('ann', 9, 'online'));
  assert.equal(presence.mergeEvent(event('ann', 0, 'offline', 'privacy')), true, 'the hidden view has version 0');
  assert.deepEqual([presence.get('ann').status, presence.get('ann').version], ['offline', 0]);
  presence.mergeView(view('bob', 4, 'online'));
  assert.equal(presence.mergeEvent(event('bob', 1, 'offline', 'deleted')), true);
  assert.equal(presence.get('bob').version, 1);
});

test('frames without a user id or a numeric version are ignored', () => {
  const presence = new PresenceView();
  assert.equal(presence.mergeView({ userId: 'ann' }), false);
  assert.equal(presence.mergeEvent({ version: 3 }), false);
  assert.equal(presence.size, 0);
});
