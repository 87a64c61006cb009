/**
 * Concurrency limits of a sweep: one global semaphore (how many requests are in flight at all)
 * and one per host (how hard any single site is hit). Waiters are served first come, first
 * served; an aborted signal wakes every waiter with a rejection, so nothing waits past the
 * sweep's deadline.
 */

export type Release = () => void;

/** A counting semaphore with FIFO waiters. */
export class Semaphore {
  readonly #limit: number;
  #active = 0;
  readonly #waiters: { resolve: (release: Release) => void; reject: (err: unknown) => void }[] = [];

  constructor(limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit must be a positive integer, got ${limit}`);
    this.#limit = limit;
  }

  get active(): number {
    return this.#active;
  }

  get waiting(): number {
    return this.#waiters.length;
  }

  /** Resolves with a release function once a slot is free; rejects when `signal` aborts first. */
  acquire(signal?: AbortSignal): Promise<Release> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.#active < this.#limit) {
      this.#active++;
      return Promise.resolve(this.#releaser());
    }
    return new Promise<Release>((resolve, reject) => {
      const waiter = {
        resolve: (release: Release) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(release);
        },
        reject,
      };
      const onAbort = (): void => {
        const index = this.#waiters.indexOf(waiter);
        if (index >= 0) this.#waiters.splice(index, 1);
        reject(signal!.reason);
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
      const next = this.#waiters.shift();
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
