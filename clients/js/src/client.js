// PresenceClient: one reconnecting WebSocket to /v1/ws. What the application asked for (subscriptions,
// the device's status, joined and watched channels) is kept as desired state and sent again after every
// reconnect, so a lost connection costs the app nothing but the events it missed, and the fresh
// snapshots the server sends on connect and after each subscribe fill those in, merged by version.

import { backoffDelay, DEFAULT_BACKOFF } from './backoff.js';
import { ChannelView } from './channels.js';
import { Emitter } from './emitter.js';
import { PresenceView } from './presence-view.js';
import { TokenSource } from './token.js';

export const STATUSES = Object.freeze(['online', 'away', 'busy', 'invisible', 'offline']);
const IDENTIFIER = /^[A-Za-z0-9._@-]{1,64}$/;
/** The server takes at most this many ids in one subscribe or unsubscribe frame. */
const IDS_PER_FRAME = 1000;
/** setTimeout's largest delay; a token valid for longer is simply checked again then. */
const MAX_TIMER_MS = 2 ** 31 - 1;
/** A close the client chose when the server stopped answering pings (private range 4000-4999). */
const NO_PONG = 4000;

export class PresenceClient extends Emitter {
  #url;
  #device;
  #tokens;
  #WebSocket;
  #backoff;
  #pingIntervalMs;
  #pongTimeoutMs;
  #random;

  #state = 'closed';
  #started = false;
  #socket = null;
  #opened = false;
  #attempt = 0;
  #timers = { reconnect: null, ping: null, pong: null, token: null };
  #waiters = [];

  #subscriptions = new Set();
  #joined = new Set();
  #watched = new Set();
  #status = null;

  /** The presence of every user this connection has heard of, by version. */
  presence = new PresenceView();
  /** Members of the watched channels. */
  channels = new ChannelView();

  /**
   * @param options.url the API's base URL (http, https, ws or wss), e.g. http://127.0.0.1:8080
   * @param options.token a function returning a JWT or a promise of one, called for every connect and
   *   when the held token nears its exp; or a fixed JWT string
   * @param options.device a device id: the socket then keeps that device online and may set its status
   *   and join channels
   * @param options.WebSocket a WebSocket constructor (Node 20 has none: pass the `ws` package's)
   */
  constructor(options = {}) {
    super();
    const { url, token, tokens, device, WebSocket, backoff = {}, pingIntervalMs = 25_000, pongTimeoutMs = 10_000,
      refreshBeforeMs = 60_000, random = Math.random } = options;
    if (!url) {
      throw new TypeError('url is required');
    }
    if (device !== undefined && !IDENTIFIER.test(device)) {
      throw new TypeError(`device must match ${IDENTIFIER.source}`);
    }
    this.#url = socketUrl(url);
    this.#device = device;
    this.#tokens = tokens ?? new TokenSource(token, { refreshBeforeMs });
    this.#WebSocket = WebSocket ?? globalThis.WebSocket;
    this.#backoff = { ...DEFAULT_BACKOFF, ...backoff };
    this.#pingIntervalMs = pingIntervalMs;
    this.#pongTimeoutMs = pongTimeoutMs;
    this.#random = random;
    if (typeof this.#WebSocket !== 'function') {
      throw new TypeError('no WebSocket: pass options.WebSocket (in Node 20, the ws package\'s)');
    }
  }

  /** connecting, open, reconnecting or closed. */
  get state() {
    return this.#state;
  }

  get device() {
    return this.#device;
  }

  /** The token source, to share with a PresenceRest. */
  get tokens() {
    return this.#tokens;
  }

  /** The users this client subscribes to (and re-subscribes after a reconnect). */
  get subscriptions() {
    return [...this.#subscriptions];
  }

  /** Starts connecting; resolves once the socket is open and its first snapshot has arrived. */
  connect() {
    const ready = new Promise((resolve, reject) => this.#waiters.push({ resolve, reject }));
    // Apps that fire and forget connect() and later close() must not get an unhandled rejection.
    ready.catch(() => {});
    if (!this.#started) {
      this.#started = true;
      this.#attempt = 0;
      this.#setState('connecting');
      this.#open();
    } else if (this.#state === 'open' && this.#opened) {
      this.#settle(null);
    }
    return ready;
  }

  /** Closes for good: no reconnect. A device socket's device stays for the server's disconnect grace. */
  close(code = 1000, reason = 'client closed') {
    this.#started = false;
    this.#clearTimers();
    const socket = this.#detach();
    if (socket) {
      socket.close(code, reason);
    }
    this.#settle(new Error('closed before it was open'));
    this.#setState('closed');
  }

  /** Drops the connection and connects again at once, e.g. after the app learned the network changed. */
  reconnect() {
    if (!this.#started) {
      return;
    }
    const socket = this.#detach();
    if (socket) {
      socket.close(1000, 'reconnecting');
    }
    this.#scheduleReconnect(0, { code: 1000, reason: 'reconnect requested' });
  }

  subscribe(userIds) {
    const added = ids(userIds).filter(id => !this.#subscriptions.has(id));
    added.forEach(id => this.#subscriptions.add(id));
    return this.#sendIds('subscribe', ids(userIds));
  }

  unsubscribe(userIds) {
    const removed = ids(userIds);
    removed.forEach(id => {
      this.#subscriptions.delete(id);
      // No events will come for them: a view kept would go stale without telling anyone.
      this.presence.delete(id);
    });
    return this.#sendIds('unsubscribe', removed);
  }

  /** This device's status, message and meta; kept and sent again after a reconnect. */
  setStatus(status, message, meta) {
    this.#needDevice('setStatus');
    if (!STATUSES.includes(status)) {
      throw new TypeError(`status must be one of ${STATUSES.join(', ')}`);
    }
    const frame = { type: 'status', status };
    if (message !== undefined) {
      frame.message = message;
    }
    if (meta !== undefined) {
      frame.meta = meta;
    }
    this.#status = frame;
    return this.#send(frame);
  }

  join(channel) {
    this.#needDevice('join');
    this.#joined.add(channel);
    return this.#send({ type: 'join', channel });
  }

  leave(channel) {
    this.#needDevice('leave');
    this.#joined.delete(channel);
    return this.#send({ type: 'leave', channel });
  }

  /** Asks for the channel's members snapshot and then its member events; again after a reconnect. */
  watch(channel) {
    this.#watched.add(channel);
    return this.#send({ type: 'watch', channel });
  }

  unwatch(channel) {
    this.#watched.delete(channel);
    this.channels.forget(channel);
    return this.#send({ type: 'unwatch', channel });
  }

  /** Sends a frame as it is, for frames this SDK does not know yet. Returns whether it went out. */
  send(frame) {
    return this.#send(frame);
  }

  // ---- the connection ----

  async #open() {
    let token;
    try {
      token = await this.#tokens.fresh();
    } catch (error) {
      this.emit('error', { code: 'token', message: `the token provider failed: ${error?.message ?? error}`, error });
      this.#scheduleReconnect(null, { code: null, reason: 'no token' });
      return;
    }
    if (!this.#started || this.#socket) {
      return;
    }
    const url = new URL(this.#url);
    url.searchParams.set('access_token', token);
    if (this.#device !== undefined) {
      url.searchParams.set('device', this.#device);
    }
    let socket;
    try {
      socket = new this.#WebSocket(url.toString());
    } catch (error) {
      this.emit('error', { code: 'socket', message: String(error?.message ?? error), error });
      this.#scheduleReconnect(null, { code: null, reason: 'socket could not be created' });
      return;
    }
    this.#socket = socket;
    this.#opened = false;
    this.#scheduleTokenRefresh();
    socket.onopen = () => this.#onOpen(socket);
    socket.onmessage = event => this.#onMessage(socket, event);
    socket.onerror = () => {};
    socket.onclose = event => this.#onClose(socket, event);
  }

  #onOpen(socket) {
    if (socket !== this.#socket) {
      return;
    }
    this.#setState('open');
    // What the app asked for, in the order that makes sense to the server: the device's status first,
    // so subscribers see one change, then follows, then channels.
    if (this.#status) {
      this.#send(this.#status);
    }
    if (this.#subscriptions.size) {
      this.#sendIds('subscribe', [...this.#subscriptions]);
    }
    this.#joined.forEach(channel => this.#send({ type: 'join', channel }));
    this.#watched.forEach(channel => this.#send({ type: 'watch', channel }));
    this.#timers.ping = setInterval(() => this.#ping(socket), this.#pingIntervalMs);
  }

  #onMessage(socket, event) {
    if (socket !== this.#socket) {
      return;
    }
    clearTimeout(this.#timers.pong);
    this.#timers.pong = null;
    let frame;
    try {
      frame = JSON.parse(typeof event.data === 'string' ? event.data : String(event.data));
    } catch {
      this.emit('error', { code: 'bad_server_frame', message: 'the server sent a frame that is not JSON' });
      return;
    }
    switch (frame.type) {
      case 'snapshot': {
        const applied = (frame.presence ?? []).filter(view => this.presence.mergeView(view));
        this.emit('snapshot', { presence: frame.presence ?? [], applied });
        if (!this.#opened) {
          // The server's connect snapshot: the connection works, so the next loss starts backing off anew.
          this.#opened = true;
          this.#attempt = 0;
          this.#settle(null);
        }
        break;
      }
      case 'presence':
        if (this.presence.mergeEvent(frame)) {
          this.emit('presence', frame);
        }
        break;
      case 'members':
        this.channels.applyMembers(frame);
        this.emit('members', frame);
        break;
      case 'member':
        this.channels.applyMember(frame);
        this.emit('member', frame);
        break;
      case 'pong':
        this.emit('pong', frame);
        break;
      case 'error':
        this.emit('error', { code: frame.code, message: frame.message });
        break;
      default:
        // A frame type newer than this SDK: ignored, so servers can add frames without breaking clients.
        break;
    }
  }

  #onClose(socket, event) {
    if (socket !== this.#socket) {
      return;
    }
    this.#detach();
    this.#scheduleReconnect(null, { code: event?.code ?? null, reason: event?.reason ?? '' });
  }

  /** Keeps proxies from closing an idle connection, and finds a dead one the TCP stack has not noticed. */
  #ping(socket) {
    if (socket !== this.#socket || this.#timers.pong) {
      return;
    }
    this.#send({ type: 'ping' });
    this.#timers.pong = setTimeout(() => {
      if (socket !== this.#socket) {
        return;
      }
      // Not close() and wait: on a dead connection the close handshake itself would hang.
      this.#detach();
      try {
        socket.close(NO_PONG, 'no pong');
      } catch {
        // Already closing.
      }
      this.#scheduleReconnect(null, { code: NO_PONG, reason: 'no pong' });
    }, this.#pongTimeoutMs);
  }

  /** delayMs null: the next full-jitter backoff delay. */
  #scheduleReconnect(delayMs, cause) {
    if (!this.#started) {
      return;
    }
    const attempt = this.#attempt;
    const delay = delayMs ?? backoffDelay(attempt, { ...this.#backoff, random: this.#random });
    this.#attempt = attempt + 1;
    clearTimeout(this.#timers.reconnect);
    this.#setState('reconnecting', { attempt, delayMs: delay, code: cause.code, reason: cause.reason });
    this.#timers.reconnect = setTimeout(() => {
      this.#timers.reconnect = null;
      this.#open();
    }, delay);
  }

  #scheduleTokenRefresh() {
    clearTimeout(this.#timers.token);
    const wait = this.#tokens.msUntilRefresh();
    if (wait === null) {
      return;
    }
    this.#timers.token = setTimeout(async () => {
      this.#timers.token = null;
      try {
        await this.#tokens.fresh();
      } catch (error) {
        this.emit('error', { code: 'token', message: `the token provider failed: ${error?.message ?? error}`, error });
      }
      if (this.#started) {
        // The open socket was authenticated at its handshake and stays so; the new token is for the
        // next handshake and for REST calls sharing this source.
        this.#scheduleTokenRefresh();
      }
    }, Math.min(wait, MAX_TIMER_MS));
  }

  #detach() {
    const socket = this.#socket;
    this.#socket = null;
    this.#opened = false;
    clearInterval(this.#timers.ping);
    clearTimeout(this.#timers.pong);
    this.#timers.ping = null;
    this.#timers.pong = null;
    if (socket) {
      socket.onopen = socket.onmessage = socket.onclose = null;
      socket.onerror = () => {};
    }
    return socket;
  }

  #clearTimers() {
    clearTimeout(this.#timers.reconnect);
    clearTimeout(this.#timers.token);
    this.#timers.reconnect = null;
    this.#timers.token = null;
  }

  #send(frame) {
    const socket = this.#socket;
    if (!socket || socket.readyState !== 1 /* OPEN */) {
      return false;
    }
    socket.send(JSON.stringify(frame));
    return true;
  }

  #sendIds(type, userIds) {
    let sent = userIds.length > 0;
    for (let i = 0; i < userIds.length; i += IDS_PER_FRAME) {
      sent = this.#send({ type, userIds: userIds.slice(i, i + IDS_PER_FRAME) }) && sent;
    }
    return sent;
  }

  #needDevice(what) {
    if (this.#device === undefined) {
      throw new Error(`${what} needs a device socket: create the client with options.device`);
    }
  }

  #settle(error) {
    const waiters = this.#waiters;
    this.#waiters = [];
    waiters.forEach(waiter => (error ? waiter.reject(error) : waiter.resolve()));
  }

  #setState(state, details = {}) {
    const previous = this.#state;
    this.#state = state;
    if (previous !== state || state === 'reconnecting') {
      this.emit('state', { state, previous, ...details });
    }
  }
}

/** ws(s)://host/v1/ws from the API's base URL in any of its usual spellings. */
export function socketUrl(base) {
  const url = new URL(base);
  url.protocol = url.protocol === 'https:' || url.protocol === 'wss:' ? 'wss:' : 'ws:';
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/v1/ws`;
  url.search = '';
  url.hash = '';
  return url.toString();
}

function ids(userIds) {
  const list = typeof userIds === 'string' ? [userIds] : [...userIds];
  for (const id of list) {
    if (typeof id !== 'string' || !IDENTIFIER.test(id)) {
      throw new TypeError(`user id must match ${IDENTIFIER.source}: ${id}`);
    }
  }
  return list;
}
