// A WebSocket stand-in for unit tests of PresenceClient: records what the client sends and lets the
// test play the server (open, frames, close) without a network.

export function fakeSocketClass() {
  const sockets = [];
  class FakeWebSocket {
    static OPEN = 1;
    readyState = 0;
    sent = [];
    closedWith = null;

    constructor(url) {
      this.url = new URL(url);
      sockets.push(this);
    }

    send(text) {
      this.sent.push(JSON.parse(text));
    }

    close(code, reason) {
      this.closedWith = { code, reason };
      this.readyState = 3;
    }

    // ---- the test's side ----

    serverOpen(snapshot = []) {
      this.readyState = 1;
      this.onopen?.({});
      this.serverSend({ type: 'snapshot', presence: snapshot });
    }

    serverSend(frame) {
      this.onmessage?.({ data: JSON.stringify(frame) });
    }

    serverClose(code = 1006, reason = '') {
      this.readyState = 3;
      this.onclose?.({ code, reason });
    }

    sentOfType(type) {
      return this.sent.filter(frame => frame.type === type);
    }
  }
  return { FakeWebSocket, sockets };
}

/** An unsigned JWT carrying exp: enough for the client, which never checks signatures. */
export function unsignedJwt(claims) {
  const part = value => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'HS256', typ: 'JWT' })}.${part(claims)}.signature`;
}

/** Resolves once the condition holds, polling; rejects with the message after the timeout. */
export async function until(condition, { timeoutMs = 5000, everyMs = 5, message = 'condition' } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await condition()) {
      return;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${message}`);
    }
    await new Promise(resolve => setTimeout(resolve, everyMs));
  }
}

export function view(userId, version, status = 'online') {
  return { userId, status, message: null, devices: [], lastSeenAt: null, updatedAt: null, version };
}
