// Tokens come from the application (a token provider), never from the SDK. The SDK only reads the
// JWT's exp to know when to ask for the next one; it never trusts the claims for anything else, the
// server verifies the signature.

/** The JWT's payload claims, or null when the text is not a readable JWT. */
export function jwtClaims(jwt) {
  try {
    const part = String(jwt).split('.')[1];
    const base64 = part.replace(/-/g, '+').replace(/_/g, '/');
    const binary = atob(base64.padEnd(Math.ceil(base64.length / 4) * 4, '='));
    const bytes = Uint8Array.from(binary, c => c.charCodeAt(0));
    const claims = JSON.parse(new TextDecoder().decode(bytes));
    return claims !== null && typeof claims === 'object' ? claims : null;
  } catch {
    return null;
  }
}

/** When the token expires, in epoch milliseconds; null when it carries no numeric exp. */
export function tokenExpiresAt(jwt) {
  const exp = jwtClaims(jwt)?.exp;
  return typeof exp === 'number' && Number.isFinite(exp) ? exp * 1000 : null;
}

/**
 * Holds the current token and asks the provider for a new one when it nears expiry. The socket asks
 * for a fresh one on every (re)connect, because a handshake refused for a token the server no longer
 * accepts (a rotated secret, a revoked session) would otherwise repeat forever.
 */
export class TokenSource {
  #provider;
  #refreshBeforeMs;
  #now;
  #token = null;
  #pending = null;

  constructor(provider, { refreshBeforeMs = 60_000, now = Date.now } = {}) {
    if (typeof provider === 'string') {
      const fixed = provider;
      provider = async () => fixed;
    }
    if (typeof provider !== 'function') {
      throw new TypeError('token must be a function returning a JWT (or a promise of one), or a JWT string');
    }
    this.#provider = provider;
    this.#refreshBeforeMs = refreshBeforeMs;
    this.#now = now;
  }

  /** The cached token while it is not near expiry; otherwise a new one from the provider. */
  async current() {
    if (this.#token !== null && !this.nearExpiry(this.#token)) {
      return this.#token;
    }
    return this.fresh();
  }

  /** Always asks the provider; concurrent callers share one call. */
  fresh() {
    if (!this.#pending) {
      this.#pending = (async () => {
        try {
          const token = await this.#provider();
          if (typeof token !== 'string' || token.length === 0) {
            throw new TypeError('the token provider returned no token');
          }
          this.#token = token;
          return token;
        } finally {
          this.#pending = null;
        }
      })();
    }
    return this.#pending;
  }

  nearExpiry(token) {
    const expiresAt = tokenExpiresAt(token);
    return expiresAt !== null && expiresAt - this.#now() <= this.#refreshBeforeMs;
  }

  /** Milliseconds until the cached token should be replaced; null when it has no exp (or none is held). */
  msUntilRefresh() {
    const expiresAt = this.#token === null ? null : tokenExpiresAt(this.#token);
    return expiresAt === null ? null : Math.max(0, expiresAt - this.#refreshBeforeMs - this.#now());
  }
}
