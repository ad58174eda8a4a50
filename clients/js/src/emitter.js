// A small on/off emitter that works the same in browsers and Node, so the SDK needs neither
// EventTarget's CustomEvent wrapping nor Node's events module.

/** Throws a listener's error outside the emit loop, so one bad listener neither hides nor stops the others. */
function report(error) {
  if (typeof globalThis.reportError === 'function') {
    globalThis.reportError(error);
  } else {
    queueMicrotask(() => { throw error; });
  }
}

export class Emitter {
  #listeners = new Map();

  /** Adds a listener; returns a function that removes it again. */
  on(type, listener) {
    if (typeof listener !== 'function') {
      throw new TypeError(`listener for '${type}' must be a function`);
    }
    let set = this.#listeners.get(type);
    if (!set) {
      set = new Set();
      this.#listeners.set(type, set);
    }
    set.add(listener);
    return () => this.off(type, listener);
  }

  off(type, listener) {
    this.#listeners.get(type)?.delete(listener);
  }

  /** Resolves with the next event of this type that passes the filter. */
  once(type, filter = () => true) {
    return new Promise(resolve => {
      const remove = this.on(type, event => {
        if (filter(event)) {
          remove();
          resolve(event);
        }
      });
    });
  }

  emit(type, event) {
    const set = this.#listeners.get(type);
    if (!set) {
      return;
    }
    // A copy: a listener may remove itself or others while we go through them.
    for (const listener of [...set]) {
      try {
        listener(event);
      } catch (error) {
        report(error);
      }
    }
  }
}
