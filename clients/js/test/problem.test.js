import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fieldOf, PresenceRest, ProblemError, problemFromResponse } from '../src/index.js';

function problemResponse(status, body, headers = {}) {
  return new Response(JSON.stringify(body), {
    status, headers: { 'Content-Type': 'application/problem+json', ...headers },
  });
}

test('a problem+json answer becomes a ProblemError with its members and the field its detail names', async () => {
  const problem = await problemFromResponse(problemResponse(400, {
    type: 'about:blank', title: 'Bad Request', status: 400, detail: 'status: must be one of online, away',
    instance: '/v1/status/update',
  }));
  assert.ok(problem instanceof ProblemError);
  assert.equal(problem.status, 400);
  assert.equal(problem.title, 'Bad Request');
  assert.equal(problem.field, 'status');
  assert.equal(problem.instance, '/v1/status/update');
});

test('Retry-After of a 429 is kept', async () => {
  const problem = await problemFromResponse(problemResponse(429, { title: 'Too Many Requests', status: 429,
    detail: 'rate limit: too many requests for user ann' }, { 'Retry-After': '2' }));
  assert.equal(problem.retryAfterSeconds, 2);
  assert.equal(problem.field, null, 'a detail that does not start with "field: " names none');
});

test('a non-JSON error (a proxy\'s HTML page) still becomes a ProblemError', async () => {
  const problem = await problemFromResponse(new Response('<html>bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }));
  assert.equal(problem.status, 502);
  assert.equal(problem.title, 'Bad Gateway');
  assert.match(problem.detail, /bad gateway/);
});

test('fieldOf reads the leading field name only', () => {
  assert.equal(fieldOf('userIds: must be a list'), 'userIds');
  assert.equal(fieldOf('meta.inCall: wrong type or value'), 'meta.inCall');
  assert.equal(fieldOf('must be a list'), null);
  assert.equal(fieldOf(null), null);
});

test('the REST helper throws the problem, and sends the bearer token and JSON body', async () => {
  const seen = [];
  const rest = new PresenceRest({
    url: 'http://api.test/', token: async () => 'jwt-1',
    fetch: async (url, init) => {
      seen.push({ url, init });
      return problemResponse(403, { title: 'Forbidden', status: 403, detail: 'userId: acting for another user needs the admin scope' });
    },
  });
  const error = await rest.update({ userId: 'bob', status: 'away' }).catch(e => e);
  assert.ok(error instanceof ProblemError);
  assert.equal(error.status, 403);
  assert.equal(error.field, 'userId');
  assert.equal(seen[0].url, 'http://api.test/v1/status/update');
  assert.equal(seen[0].init.headers.Authorization, 'Bearer jwt-1');
  assert.deepEqual(JSON.parse(seen[0].init.body), { userId: 'bob', status: 'away' });
});

test('a batch GET of more than 500 ids goes out in requests of 500, answers in order', async () => {
  const requested = [];
  const rest = new PresenceRest({
    url: 'http://api.test', token: 'jwt',
    fetch: async url => {
      const ids = new URL(url).searchParams.get('userIds').split(',');
      requested.push(ids.length);
      return Response.json({ presence: ids.map(userId => ({ userId, status: 'offline', version: 0 })) });
    },
  });
  const ids = Array.from({ length: 1203 }, (_, i) => `u${i}`);
  const views = await rest.getMany(ids);
  assert.deepEqual(requested, [500, 500, 203]);
  assert.deepEqual(views.map(v => v.userId), ids);
});
