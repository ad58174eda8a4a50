// Types of presence-grid's client SDK, written by hand next to the JavaScript they describe.

export type Status = 'online' | 'away' | 'busy' | 'invisible' | 'offline';
export type ChangeReason = 'update' | 'expired' | 'disconnect' | 'deleted' | 'privacy';
export type Meta = Record<string, string | number | boolean>;

export interface DeviceView {
  device: string;
  status: Status;
  lastActiveAt: string;
  meta?: Meta;
}

/** A user's presence as the API shows it to the caller. */
export interface PresenceViewData {
  userId: string;
  status: Status;
  message: string | null;
  devices: DeviceView[];
  lastSeenAt: string | null;
  updatedAt: string | null;
  version: number;
}

/** The server's `presence` frame. */
export interface PresenceEvent {
  type: 'presence';
  userId: string;
  status: Status;
  previous: Status;
  message: string | null;
  devices: DeviceView[];
  lastSeenAt: string | null;
  version: number;
  reason: ChangeReason;
  at: string;
}

export interface SnapshotEvent {
  /** Every view in the server's snapshot frame. */
  presence: PresenceViewData[];
  /** Those that changed the local view (new users, or a higher version than held). */
  applied: PresenceViewData[];
}

export interface ChannelMember {
  userId: string;
  devices: string[];
  presence: PresenceViewData;
}

export interface MembersEvent {
  type: 'members';
  channel: string;
  occupancy: number;
  members: ChannelMember[];
}

export interface MemberEvent {
  type: 'member';
  channel: string;
  userId: string;
  event: 'joined' | 'left' | 'updated';
  presence: PresenceViewData;
  occupancy: number;
  at: string;
}

/** A server `error` frame (code bad_frame, rate_limited, failed), or the client's own: token, socket, bad_server_frame. */
export interface SocketErrorEvent {
  code: string;
  message: string;
  error?: unknown;
}

export type ConnectionState = 'connecting' | 'open' | 'reconnecting' | 'closed';

export interface StateEvent {
  state: ConnectionState;
  previous: ConnectionState;
  /** reconnecting: the attempt (0 first) and the delay before it, and the close that caused it. */
  attempt?: number;
  delayMs?: number;
  code?: number | null;
  reason?: string;
}

export interface ClientEvents {
  presence: PresenceEvent;
  snapshot: SnapshotEvent;
  members: MembersEvent;
  member: MemberEvent;
  error: SocketErrorEvent;
  state: StateEvent;
  pong: { type: 'pong' };
}

export type TokenProvider = () => string | Promise<string>;

export declare class Emitter<Events extends object = Record<string, unknown>> {
  on<K extends keyof Events & string>(type: K, listener: (event: Events[K]) => void): () => void;
  off<K extends keyof Events & string>(type: K, listener: (event: Events[K]) => void): void;
  once<K extends keyof Events & string>(type: K, filter?: (event: Events[K]) => boolean): Promise<Events[K]>;
  emit<K extends keyof Events & string>(type: K, event: Events[K]): void;
}

export interface BackoffOptions {
  /** Default 500. */
  baseMs?: number;
  /** Default 30,000. */
  capMs?: number;
}

export declare const DEFAULT_BACKOFF: Readonly<Required<BackoffOptions>>;
/** min(cap, base * 2^attempt). */
export declare function backoffCeiling(attempt: number, options?: BackoffOptions): number;
/** A whole number of ms in [0, backoffCeiling(attempt)). */
export declare function backoffDelay(attempt: number, options?: BackoffOptions & { random?: () => number }): number;

export declare function jwtClaims(jwt: string): Record<string, unknown> | null;
/** exp in epoch ms, or null. */
export declare function tokenExpiresAt(jwt: string): number | null;

export declare class TokenSource {
  constructor(provider: TokenProvider | string, options?: { refreshBeforeMs?: number; now?: () => number });
  /** The held token unless it nears expiry, else a new one from the provider. */
  current(): Promise<string>;
  /** Always a new one from the provider. */
  fresh(): Promise<string>;
  nearExpiry(token: string): boolean;
  msUntilRefresh(): number | null;
}

export declare class PresenceView {
  get(userId: string): PresenceViewData | undefined;
  has(userId: string): boolean;
  entries(): Map<string, PresenceViewData>;
  readonly size: number;
  /** Taken when new or of a higher version; returns whether taken. */
  mergeView(view: PresenceViewData): boolean;
  /** Taken when of a higher version, or when reason is privacy or deleted. */
  mergeEvent(frame: PresenceEvent): boolean;
  delete(userId: string): boolean;
  clear(): void;
}
export declare function viewOfEvent(frame: PresenceEvent): PresenceViewData;

export interface ChannelState {
  channel: string;
  occupancy: number;
  members: Map<string, ChannelMember>;
}

export declare class ChannelView {
  get(channel: string): ChannelState | undefined;
  channels(): string[];
  applyMembers(frame: MembersEvent): ChannelState;
  applyMember(frame: MemberEvent): boolean;
  forget(channel: string): boolean;
}

export interface ClientOptions {
  /** The API's base URL: http(s)://host:port or ws(s)://host:port. */
  url: string;
  /** Called for every connect and when the held token nears its exp. */
  token?: TokenProvider | string;
  /** A token source shared with a PresenceRest, instead of `token`. */
  tokens?: TokenSource;
  /** A device id: the socket keeps the device online, and may set its status and join channels. */
  device?: string;
  /** A WebSocket constructor; default globalThis.WebSocket (Node 20: pass the ws package's). */
  WebSocket?: new (url: string) => unknown;
  backoff?: BackoffOptions;
  /** Default 25,000. */
  pingIntervalMs?: number;
  /** Without any frame for this long after a ping the connection counts as dead. Default 10,000. */
  pongTimeoutMs?: number;
  /** Ask for a new token this long before exp. Default 60,000. */
  refreshBeforeMs?: number;
  random?: () => number;
}

export declare const STATUSES: readonly Status[];
export declare function socketUrl(base: string): string;

export declare class PresenceClient extends Emitter<ClientEvents> {
  constructor(options: ClientOptions);
  readonly state: ConnectionState;
  readonly device: string | undefined;
  readonly tokens: TokenSource;
  readonly subscriptions: string[];
  readonly presence: PresenceView;
  readonly channels: ChannelView;
  /** Resolves once open with its first snapshot in. */
  connect(): Promise<void>;
  close(code?: number, reason?: string): void;
  reconnect(): void;
  /** Each returns whether the frame went out now; either way it is sent again after every reconnect. */
  subscribe(userIds: string | Iterable<string>): boolean;
  unsubscribe(userIds: string | Iterable<string>): boolean;
  setStatus(status: Status, message?: string, meta?: Meta): boolean;
  join(channel: string): boolean;
  leave(channel: string): boolean;
  watch(channel: string): boolean;
  unwatch(channel: string): boolean;
  send(frame: { type: string; [key: string]: unknown }): boolean;
}

export interface StatusUpdate {
  userId: string;
  status: Status;
  device?: string;
  message?: string;
  meta?: Meta;
}

export interface Privacy {
  userId?: string;
  presence: 'everyone' | 'allowed' | 'nobody';
  lastSeen: 'everyone' | 'allowed' | 'nobody';
  allowed: string[];
  blocked: string[];
}

export interface SubscriptionAnswer {
  subscriberId: string;
  userIds: string[];
  presence: PresenceViewData[];
}

export interface ChannelPage {
  channelId: string;
  occupancy: number;
  members: ChannelMember[];
  next: string | null;
}

export declare const BATCH_LIMIT: 500;

export declare class PresenceRest {
  constructor(options: { url: string; token?: TokenProvider | string; tokens?: TokenSource; fetch?: typeof fetch;
    /** Per request; default 30,000. */
    timeoutMs?: number });
  get(userId: string): Promise<PresenceViewData>;
  getMany(userIds: string[]): Promise<PresenceViewData[]>;
  update(update: StatusUpdate): Promise<PresenceViewData>;
  delete(userId: string): Promise<null>;
  subscribe(subscriberId: string, userIds: string[]): Promise<SubscriptionAnswer>;
  unsubscribe(subscriberId: string, userIds: string[]): Promise<SubscriptionAnswer>;
  getPrivacy(userId: string): Promise<Privacy>;
  putPrivacy(userId: string, privacy: Omit<Privacy, 'userId'>): Promise<Privacy>;
  joinChannel(channelId: string, userId: string, device?: string): Promise<{ channelId: string; occupancy: number }>;
  leaveChannel(channelId: string, userId: string, device?: string): Promise<{ channelId: string; occupancy: number }>;
  channel(channelId: string, page?: { limit?: number; after?: string }): Promise<ChannelPage>;
}

/** An RFC 9457 problem from the API. */
export declare class ProblemError extends Error {
  constructor(problem: { status: number; title: string; detail?: string | null; type?: string; instance?: string | null;
    field?: string | null; retryAfterSeconds?: number | null });
  readonly status: number;
  readonly title: string;
  readonly detail: string | null;
  readonly type: string;
  readonly instance: string | null;
  /** The field the detail names ("userIds: must be ..."), or null. */
  readonly field: string | null;
  /** From Retry-After on a 429. */
  readonly retryAfterSeconds: number | null;
}
export declare function problemFromResponse(response: Response): Promise<ProblemError>;
export declare function fieldOf(detail: string | null | undefined): string | null;
