// What the cluster tests need of the local cluster run-tests.sh started: its URL, tokens signed with
// its secret, and its scripts to restart the API node.
import { execFile as execFileCallback } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { PresenceRest } from '../../src/index.js';

const execFile = promisify(execFileCallback);

export const REPO = process.env.PRESENCE_REPO
  ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
export const API_URL = process.env.PRESENCE_API_URL ?? 'http://127.0.0.1:8080';
/** Set by run-tests.sh, which started the cluster; without it the cluster tests are skipped. */
export const CLUSTER = process.env.PRESENCE_TEST_CLUSTER === '1';
/** Long enough for an API restart (about a minute on two cores), short enough that a hang fails the run. */
export const TEST_TIMEOUT_MS = 180_000;
export const NO_CLUSTER = 'no cluster: clients/js/run-tests.sh starts one and runs these tests against it';

/** User ids of this run only, so a rerun on the same grid starts from nothing. */
const RUN = Date.now().toString(36);
export function userId(name) {
  return `js-${RUN}-${name}`;
}

/** A token from scripts/token.sh, as any developer would get one. */
export async function token(user, { admin = false } = {}) {
  const { stdout } = await execFile(path.join(REPO, 'scripts/token.sh'), admin ? [user, '--admin'] : [user]);
  return stdout.trim();
}

/** A token of a chosen lifetime from scripts/token.sh, for the tests of refresh before exp. */
export async function tokenValidFor(user, seconds) {
  const { stdout } = await execFile(path.join(REPO, 'scripts/token.sh'), [user, '--valid-for', String(seconds)]);
  return stdout.trim();
}

export async function cluster(...args) {
  const { stdout } = await execFile(path.join(REPO, 'scripts/cluster.sh'), args, { cwd: REPO, maxBuffer: 16 << 20 });
  return stdout;
}

/** The next event of the type that passes the filter, or a rejection naming what did not come. */
export function nextEvent(client, type, filter = () => true, timeoutMs = 15_000) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no '${type}' event within ${timeoutMs} ms`)), timeoutMs);
  });
  return Promise.race([client.once(type, filter), timeout]).finally(() => clearTimeout(timer));
}

/** What read() answers once accept() takes it, reading every 100 ms; the last answer after the timeout. */
export async function eventually(read, accept, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  let answer = await read();
  while (!accept(answer) && Date.now() < deadline) {
    await new Promise(resolve => setTimeout(resolve, 100));
    answer = await read();
  }
  return answer;
}

export function restAs(user, options = {}) {
  return new PresenceRest({ url: API_URL, token: () => token(user, options) });
}
