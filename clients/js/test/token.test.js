import assert from 'node:assert/strict';
import { test } from 'node:test';
import { jwtClaims, TokenSource, tokenExpiresAt } from '../src/index.js';
import { unsignedJwt } from './support/fake-socket.js';

test('exp is read from the payload, in milliseconds', () => {
  assert.equal(tokenExpiresAt(unsignedJwt({ sub: 'ann', exp: 1_900_000_000 })), 1_900_000_000_000);
  assert.equal(jwtClaims(unsignedJwt({ sub: 'ann é' })).sub, 'ann é', 'UTF-8 claims survive base64url');
});

test('a token that is no JWT, or has no exp, never counts as expiring', () => {
  assert.equal(tokenExpiresAt('not-a-jwt'), null);
  assert.equal(tokenExpiresAt(unsignedJwt({ sub: 'ann' })), null);
  assert.equal(new TokenSource(async () => 'x').nearExpiry('not-a-jwt'), false);
});

test('the provider is asked again only when the held token nears its exp', async () => {
  let now = 1_000_000_000_000;
  let calls = 0;
  const provider = async () => {
    calls++;
    return unsignedJwt({ sub: 'ann', exp: now / 1000 + 300 });
  };
  const tokens = new TokenSource(provider, { refreshBeforeMs: 60_000, now: () => now });
  const first = await tokens.current();
  assert.equal(await tokens.current(), first);
  assert.equal(calls, 1);
  assert.equal(tokens.msUntilRefresh(), 240_000);
  now += 241_000;
  assert.notEqual(await tokens.current(), first);
  assert.equal(calls, 2);
});

test('callers racing for a token share one provider call', async () => {
  let calls = 0;
  const tokens = new TokenSource(async () => {
    calls++;
    await new Promise(resolve => setTimeout(resolve, 10));
    return 'token';
  });
  await Promise.all([tokens.fresh(), tokens.fresh(), tokens.current()]);
  assert.equal(calls, 1);
});

test('a provider that returns nothing is an error, not an empty token', async () => {
  await assert.rejects(new TokenSource(async () => '').fresh(), /no token/);
});
