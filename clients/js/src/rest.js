// The HTTP API (/v1/status, /v1/privacy, /v1/channels) with the token provider of the socket. Every
// failure is a ProblemError; answers are the JSON bodies as the API sends them.

import { problemFromResponse } from './problem.js';
import { TokenSource } from './token.js';

/** The API's limit on one batch GET; larger lists are split into requests of this size. */
export const BATCH_LIMIT = 500;

export class PresenceRest {
  #baseUrl;
  #tokens;
  #fetch;
  #timeoutMs;

  /**
   * @param options.url the API's base URL, e.g. http://127.0.0.1:8080 (in a browser: location.origin)
   * @param options.token a JWT, or a function returning one (or a promise of one)
   * @param options.tokens a TokenSource to share with a PresenceClient instead of options.token
   * @param options.fetch the fetch to use (default: the global one)
   * @param options.timeoutMs how long one request may take before it is aborted (default 30,000)
   */
  constructor({ url, token, tokens, fetch: fetchImpl, timeoutMs = 30_000 } = {}) {
    if (!url) {
      throw new TypeError('url is required');
    }
    this.#baseUrl = String(url).replace(/\/+$/, '');
    this.#tokens = tokens ?? new TokenSource(token);
    this.#fetch = fetchImpl ?? globalThis.fetch?.bind(globalThis);
    this.#timeoutMs = timeoutMs;
    if (typeof this.#fetch !== 'function') {
      throw new TypeError('no fetch: pass options.fetch');
    }
  }

  get(userId) {
    return this.#call('GET', `/v1/status/${encodeURIComponent(userId)}`);
  }

  /** Views in request order, in requests of at most 500 ids. */
  async getMany(userIds) {
    const views = [];
    for (let i = 0; i < userIds.length; i += BATCH_LIMIT) {
      const ids = userIds.slice(i, i + BATCH_LIMIT).map(encodeURIComponent).join(',');
      const answer = await this.#call('GET', `/v1/status?userIds=${ids}`);
      views.push(...answer.presence);
    }
    return views;
  }

  /** {userId, status, device?, message?, meta?} -> the caller's view. */
  update(update) {
    return this.#call('POST', '/v1/status/update', update);
  }

  delete(userId) {
    return this.#call('DELETE', `/v1/status/${encodeURIComponent(userId)}`);
  }

  subscribe(subscriberId, userIds) {
    return this.#call('POST', '/v1/status/subscribe', { subscriberId, userIds });
  }

  unsubscribe(subscriberId, userIds) {
    return this.#call('POST', '/v1/status/unsubscribe', { subscriberId, userIds });
  }

  getPrivacy(userId) {
    return this.#call('GET', `/v1/privacy/${encodeURIComponent(userId)}`);
  }

  /** Replaces the whole setting: members left out take their defaults. */
  putPrivacy(userId, privacy) {
    return this.#call('PUT', `/v1/privacy/${encodeURIComponent(userId)}`, privacy);
  }

  joinChannel(channelId, userId, device) {
    return this.#call('POST', `/v1/channels/${encodeURIComponent(channelId)}/join`, withDevice({ userId }, device));
  }

  leaveChannel(channelId, userId, device) {
    return this.#call('POST', `/v1/channels/${encodeURIComponent(channelId)}/leave`, withDevice({ userId }, device));
  }

  /** One page of members; pass the answer's `next` as `after` for the following one. */
  channel(channelId, { limit, after } = {}) {
    const query = new URLSearchParams();
    if (limit !== undefined) {
      query.set('limit', String(limit));
    }
    if (after) {
      query.set('after', after);
    }
    const suffix = query.size ? `?${query}` : '';
    return this.#call('GET', `/v1/channels/${encodeURIComponent(channelId)}${suffix}`);
  }

  async #call(method, path, body) {
    const headers = { Authorization: `Bearer ${await this.#tokens.current()}`, Accept: 'application/json' };
    // A request to an API node that died mid-answer would otherwise wait for the TCP stack, minutes.
    const init = { method, headers, cache: 'no-store', signal: AbortSignal.timeout(this.#timeoutMs) };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    const response = await this.#fetch(`${this.#baseUrl}${path}`, init);
    if (!response.ok) {
      throw await problemFromResponse(response);
    }
    if (response.status === 204) {
      return null;
    }
    return response.json();
  }
}

function withDevice(body, device) {
  return device === undefined ? body : { ...body, device };
}
