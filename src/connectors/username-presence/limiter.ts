/**
 * Concurrency limits of a sweep: one global semaphore (how many requests are in flight at all)
 * and one per host (how hard any single site is hit). Waiters are served by priority (lower
 * first), then first come, first served; an aborted signal rejects a waiter, so nothing waits
 * past the sweep's deadline.
 */

export type Release = () => void;

interface Waiter {
  readonly priority: number;
  readonly seq: number;
  readonly resolve: (release: Release) => void;
  cancelled: boolean;
}

/** A binary min-heap of waiters by (priority, arrival). Cancelled waiters are dropped lazily. */
class WaiterHeap {
  readonly #items: Waiter[] = [];
  #live = 0;

  get size(): number {
    return this.#live;
  }

  push(waiter: Waiter): void {
    const items = this.#items;
    items.push(waiter);
    this.#live++;
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(items[i]!, items[parent]!)) break;
      [items[i], items[parent]] = [items[parent]!, items[i]!];
      i = parent;
    }
  }

  cancel(waiter: Waiter): void {
    if (waiter.cancelled) return;
    waiter.cancelled = true;
    this.#live--;
  }

  /** The next live waiter, or undefined. */
  pop(): Waiter | undefined {
    for (;;) {
      const top = this.#popAny();
      if (top === undefined || !top.cancelled) {
        if (top !== undefined) this.#live--;
        return top;
      }
    }
  }

  #popAny(): Waiter | undefined {
    const items = this.#items;
    const top = items[0];
    const last = items.pop();
    if (items.length > 0 && last !== undefined) {
      items[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < items.length && before(items[l]!, items[m]!)) m = l;
        if (r < items.length && before(items[r]!, items[m]!)) m = r;
        if (m === i) break;
        [items[i], items[m]] = [items[m]!, items[i]!];
        i = m;
      }
    }
    return top;
  }
}

const before = (a: Waiter, b: Waiter): boolean => a.priority < b.priority || (a.priority === b.priority && a.seq < b.seq);

/** A counting semaphore whose waiters are served by priority, then arrival. */
export class Semaphore {
  readonly #limit: number;
  #active = 0;
  #seq = 0;
  readonly #waiters = new WaiterHeap();

  constructor(limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit must be a positive integer, got ${limit}`);
    this.#limit = limit;
  }

  get active(): number {
    return this.#active;
  }

  get waiting(): number {
    return this.#waiters.size;
  }

  /**
   * Resolves with a release function once a slot is free; rejects when `signal` aborts first.
   *
   * @example
   * const release = await semaphore.acquire(signal, 3);
   * try { await work(); } finally { release(); }
   */
  acquire(signal?: AbortSignal, priority = 0): Promise<Release> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.#active < this.#limit) {
      this.#active++;
      return Promise.resolve(this.#releaser());
    }
    return new Promise<Release>((resolve, reject) => {
      const onAbort = (): void => {
        this.#waiters.cancel(waiter);
        reject(signal!.reason);
      };
      const waiter: Waiter = {
        priority,
        seq: this.#seq++,
        cancelled: false,
        resolve: (release) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(release);
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#waiters.push(waiter);
    });
  }

  #releaser(): Release {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.#waiters.pop();
      // The slot passes straight to the next waiter, so `active` stays the same.
      if (next) next.resolve(this.#releaser());
      else this.#active--;
    };
  }
}

/** One semaphore per key (a host), dropped when idle so a 3,000-host sweep does not keep 3,000. */
export class KeyedLimiter {
  readonly #limit: number;
  readonly #byKey = new Map<string, Semaphore>();

  constructor(limit: number) {
    this.#limit = limit;
  }

  async acquire(key: string, signal?: AbortSignal): Promise<Release> {
    let semaphore = this.#byKey.get(key);
    if (!semaphore) this.#byKey.set(key, (semaphore = new Semaphore(this.#limit)));
    const release = await semaphore.acquire(signal).catch((err: unknown) => {
      this.#dropIfIdle(key, semaphore);
      throw err;
    });
    return () => {
      release();
      this.#dropIfIdle(key, semaphore);
    };
  }

  /** Keys with work in flight or waiting. */
  get size(): number {
    return this.#byKey.size;
  }

  #dropIfIdle(key: string, semaphore: Semaphore): void {
    if (semaphore.active === 0 && semaphore.waiting === 0 && this.#byKey.get(key) === semaphore) this.#byKey.delete(key);
  }
}
