// presence-grid's client SDK: a reconnecting WebSocket client with a presence view kept by version
// (PresenceClient), the HTTP API (PresenceRest), and the pieces they are made of.
export { PresenceClient, STATUSES, socketUrl } from './client.js';
export { PresenceRest, BATCH_LIMIT } from './rest.js';
export { ProblemError, problemFromResponse, fieldOf } from './problem.js';
export { PresenceView, viewOfEvent } from './presence-view.js';
export { ChannelView } from './channels.js';
export { TokenSource, jwtClaims, tokenExpiresAt } from './token.js';
export { backoffDelay, backoffCeiling, DEFAULT_BACKOFF } from './backoff.js';
export { Emitter } from './emitter.js';
