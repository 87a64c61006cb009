import type { Principal } from '../auth/principal.ts';
import type { Executor } from '../store/executor.ts';
import { hitSlidingWindow, type WindowCounts } from '../store/rate-limit-repository.ts';

const WINDOW_SECONDS = 60;

export interface RateLimitDefaults {
  readonly requestsPerMinute: number;
  readonly burst: number;
  readonly deepLookupsPerMinute: number;
}

/** What goes into the X-RateLimit-* headers, and whether the request may proceed. */
export interface RateLimitDecision {
  readonly allowed: boolean;
  /** The per-minute limit of this principal (X-RateLimit-Limit). */
  readonly limit: number;
  readonly remaining: number;
  /** Unix seconds when the current window ends (X-RateLimit-Reset). */
  readonly resetAt: number;
  /** Seconds until a request would be admitted again; 0 when allowed. */
  readonly retryAfter: number;
}

/**
 * Per-principal limits (SPEC §14): a sliding minute over all endpoints, admitting
 * `requestsPerMinute + burst`, and a separate sliding minute for deep lookups. Counters live in
 * the database, so every engine on one PostgreSQL enforces one limit.
 */
export class RateLimiter {
  readonly #db: Executor;
  readonly #defaults: RateLimitDefaults;
  readonly #now: () => number;
  readonly #onReject: (limit: 'all' | 'deep') => void;

  constructor(db: Executor, defaults: RateLimitDefaults, options: { now?: () => number; onReject?: (limit: 'all' | 'deep') => void } = {}) {
    this.#db = db;
    this.#defaults = defaults;
    this.#now = options.now ?? Date.now;
    this.#onReject = options.onReject ?? (() => undefined);
  }

  /** Counts one request of any kind. */
  async hit(principal: Principal): Promise<RateLimitDecision> {
    const perMinute = principal.rateLimitOverride?.requestsPerMinute ?? this.#defaults.requestsPerMinute;
    const burst = principal.rateLimitOverride?.burst ?? this.#defaults.burst;
    return this.#decide(`all:${principal.subjectKey}`, perMinute, perMinute + burst, 'all');
  }

  /** Counts one `depth: deep` lookup, on top of `hit`. */
  async hitDeep(principal: Principal): Promise<RateLimitDecision> {
    const perMinute = principal.rateLimitOverride?.deepLookupsPerMinute ?? this.#defaults.deepLookupsPerMinute;
    return this.#decide(`deep:${principal.subjectKey}`, perMinute, perMinute, 'deep');
  }

  async #decide(key: string, limit: number, capacity: number, kind: 'all' | 'deep'): Promise<RateLimitDecision> {
    const nowMs = this.#now();
    const counts = await hitSlidingWindow(this.#db, key, capacity, WINDOW_SECONDS, nowMs);
    if (!counts.allowed) this.#onReject(kind);
    const windowStart = Math.floor(nowMs / 1000 / WINDOW_SECONDS) * WINDOW_SECONDS;
    const used = estimate(counts, nowMs, windowStart);
    return {
      allowed: counts.allowed,
      limit,
      remaining: Math.max(0, Math.min(limit, capacity - used)),
      resetAt: windowStart + WINDOW_SECONDS,
      retryAfter: counts.allowed ? 0 : secondsUntilAdmitted(counts, nowMs, windowStart, capacity),
    };
  }
}

function estimate(counts: WindowCounts, nowMs: number, windowStart: number): number {
  const previousWeight = 1 - (nowMs / 1000 - windowStart) / WINDOW_SECONDS;
  return Math.floor(counts.previous * previousWeight) + counts.current;
}

/** The first whole second at which the sliding estimate leaves room for one more request. */
function secondsUntilAdmitted(counts: WindowCounts, nowMs: number, windowStart: number, capacity: number): number {
  for (let wait = 1; wait <= 2 * WINDOW_SECONDS; wait++) {
    const t = nowMs + wait * 1000;
    const start = Math.floor(t / 1000 / WINDOW_SECONDS) * WINDOW_SECONDS;
    const shifted: WindowCounts =
      start === windowStart
        ? counts
        : start === windowStart + WINDOW_SECONDS
          ? { allowed: false, current: 0, previous: counts.current }
          : { allowed: false, current: 0, previous: 0 };
    if (estimate(shifted, t, start) + 1 <= capacity) return wait;
  }
  return 2 * WINDOW_SECONDS;
}
