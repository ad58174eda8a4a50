import assert from 'node:assert/strict';
import { test } from 'node:test';
import { backoffCeiling, backoffDelay } from '../src/index.js';

test('the ceiling doubles from the base and stops at the cap', () => {
  const options = { baseMs: 500, capMs: 30_000 };
  assert.deepEqual([0, 1, 2, 3, 4, 5, 6, 7, 60].map(n => backoffCeiling(n, options)),
    [500, 1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000]);
});

test('every delay lies in [0, min(cap, base * 2^n)], over the whole range of the random source', () => {
  const options = { baseMs: 500, capMs: 30_000 };
  for (let attempt = 0; attempt <= 40; attempt++) {
    const ceiling = Math.min(30_000, 500 * 2 ** attempt);
    for (const r of [0, 0.25, 0.5, 0.999999]) {
      const delay = backoffDelay(attempt, { ...options, random: () => r });
      assert.ok(delay >= 0 && delay <= ceiling, `attempt ${attempt}, random ${r}: ${delay} not in [0, ${ceiling}]`);
    }
    for (let i = 0; i < 200; i++) {
      const delay = backoffDelay(attempt, options);
      assert.ok(delay >= 0 && delay <= ceiling, `attempt ${attempt}: ${delay} not in [0, ${ceiling}]`);
    }
  }
});

test('the jitter is full: the delay spans the range, not a band near its top', () => {
  assert.equal(backoffDelay(6, { random: () => 0 }), 0);
  assert.equal(backoffDelay(6, { random: () => 0.5 }), 15_000);
  assert.equal(backoffDelay(6, { random: () => 0.9999 }), 29_997);
});

test('a negative or fractional attempt is refused', () => {
  assert.throws(() => backoffCeiling(-1), RangeError);
  assert.throws(() => backoffCeiling(1.5), RangeError);
});
