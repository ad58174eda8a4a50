// The local view of other users' presence, kept by version. The server raises a user's version on
// every visible change and delivers one socket's events in version order, but a client sees the same
// user again through snapshots (on connect, after each subscribe, after every reconnect) that may have
// been read before an event it already applied. Versions decide, so the view never moves back.

/**
 * Reasons after which the server's next view replaces the one held whatever its version: access to the
 * user was lost or regained (the hidden view has version 0), or the user was deleted (a new history
 * starts).
 */
const RESETS = new Set(['privacy', 'deleted']);

/** A presence frame as the view it describes: frames carry `at` where views carry `updatedAt`. */
export function viewOfEvent(frame) {
  return {
    userId: frame.userId,
    status: frame.status,
    message: frame.message ?? null,
    devices: frame.devices ?? [],
    lastSeenAt: frame.lastSeenAt ?? null,
    updatedAt: frame.at ?? null,
    version: frame.version,
  };
}

export class PresenceView {
  #views = new Map();

  get(userId) {
    return this.#views.get(userId);
  }

  has(userId) {
    return this.#views.has(userId);
  }

  /** The views held, by user id. */
  entries() {
    return new Map(this.#views);
  }

  get size() {
    return this.#views.size;
  }

  /**
   * A view from a snapshot or a REST answer: taken when the user is new to this view or the version is
   * higher than the one held. Returns whether it was taken.
   */
  mergeView(view) {
    if (!view || typeof view.userId !== 'string' || typeof view.version !== 'number') {
      return false;
    }
    const held = this.#views.get(view.userId);
    if (held && held.version >= view.version) {
      return false;
    }
    this.#views.set(view.userId, view);
    return true;
  }

  /** A presence event frame: newer versions only, except the resets above. Returns whether it was taken. */
  mergeEvent(frame) {
    if (!frame || typeof frame.userId !== 'string' || typeof frame.version !== 'number') {
      return false;
    }
    if (RESETS.has(frame.reason)) {
      this.#views.set(frame.userId, viewOfEvent(frame));
      return true;
    }
    return this.mergeView(viewOfEvent(frame));
  }

  delete(userId) {
    return this.#views.delete(userId);
  }

  clear() {
    this.#views.clear();
  }
}
