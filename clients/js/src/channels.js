// The local view of watched channels: who is in each, as the server's members snapshot and member
// events describe it. Occupancy comes from the server (it counts members hidden from this viewer,
// whom it never lists), so it is taken as sent, never counted here.

export class ChannelView {
  #channels = new Map();

  /** {channel, occupancy, members: Map userId -> member} or undefined when not watched. */
  get(channel) {
    return this.#channels.get(channel);
  }

  channels() {
    return [...this.#channels.keys()];
  }

  /** A members frame replaces what was known: it is the server's full answer for the channel (first 500). */
  applyMembers(frame) {
    const members = new Map();
    for (const member of frame.members ?? []) {
      members.set(member.userId, member);
    }
    const state = { channel: frame.channel, occupancy: frame.occupancy, members };
    this.#channels.set(frame.channel, state);
    return state;
  }

  /**
   * A member frame. Member presence is kept by version like the presence view, so a late `updated`
   * from before a snapshot does not undo it; joins and leaves always apply, the server orders them
   * per member.
   */
  applyMember(frame) {
    const state = this.#channels.get(frame.channel);
    if (!state) {
      return false;
    }
    if (typeof frame.occupancy === 'number') {
      state.occupancy = frame.occupancy;
    }
    const held = state.members.get(frame.userId);
    switch (frame.event) {
      case 'left':
        state.members.delete(frame.userId);
        return true;
      case 'joined':
        state.members.set(frame.userId, { userId: frame.userId, devices: held?.devices ?? [], presence: frame.presence });
        return true;
      case 'updated': {
        const heldVersion = held?.presence?.version ?? -1;
        if (held && frame.presence && typeof frame.presence.version === 'number' && frame.presence.version <= heldVersion) {
          return false;
        }
        state.members.set(frame.userId, { ...(held ?? { userId: frame.userId, devices: [] }), presence: frame.presence });
        return true;
      }
      default:
        return false;
    }
  }

  forget(channel) {
    return this.#channels.delete(channel);
  }
}
