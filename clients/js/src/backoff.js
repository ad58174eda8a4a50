// Full-jitter exponential backoff: a random delay in [0, min(cap, base * 2^attempt)). Spreading the
// whole range, not just a fringe around the exponential curve, keeps thousands of clients that lost the
// same API node from coming back in waves.

export const DEFAULT_BACKOFF = Object.freeze({ baseMs: 500, capMs: 30_000 });

/** The ceiling of the delay before reconnect attempt `attempt` (0 for the first). */
export function backoffCeiling(attempt, { baseMs = DEFAULT_BACKOFF.baseMs, capMs = DEFAULT_BACKOFF.capMs } = {}) {
  if (!Number.isInteger(attempt) || attempt < 0) {
    throw new RangeError(`attempt must be a whole number >= 0, got ${attempt}`);
  }
  // 2^attempt overflows to Infinity long after it has passed any cap, which min() handles.
  return Math.min(capMs, baseMs * 2 ** attempt);
}

export function backoffDelay(attempt, options = {}) {
  const random = options.random ?? Math.random;
  return Math.floor(random() * backoffCeiling(attempt, options));
}
