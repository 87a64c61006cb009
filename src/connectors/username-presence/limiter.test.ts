import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { KeyedLimiter, Semaphore } from './limiter.ts';

describe('limits', () => {
  it('admits at most `limit` holders and serves waiters first come, first served', async () => {
    const semaphore = new Semaphore(2);
    const a = await semaphore.acquire();
    const b = await semaphore.acquire();
    const order: string[] = [];
    const c = semaphore.acquire().then((release) => (order.push('c'), release));
    const d = semaphore.acquire().then((release) => (order.push('d'), release));
    assert.equal(semaphore.waiting, 2);
    a();
    a(); // a second release of the same slot is ignored
    (await c)();
    b();
    (await d)();
    assert.deepEqual(order, ['c', 'd']);
    assert.equal(semaphore.active, 0);
  });

  it('rejects waiters when their signal aborts, and frees their place', async () => {
    const semaphore = new Semaphore(1);
    const held = await semaphore.acquire();
    const controller = new AbortController();
    const waiting = semaphore.acquire(controller.signal);
    controller.abort(new Error('deadline'));
    await assert.rejects(waiting, /deadline/);
    assert.equal(semaphore.waiting, 0);
    held();
    assert.equal(semaphore.active, 0);
  });

  it('limits per key and forgets idle keys', async () => {
    const limiter = new KeyedLimiter(1);
    const x = await limiter.acquire('x.example');
    const y = await limiter.acquire('y.example');
    let second = false;
    const next = limiter.acquire('x.example').then((release) => ((second = true), release));
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(second, false);
    x();
    (await next)();
    y();
    assert.equal(limiter.size, 0);
  });
});

describe('priorities', () => {
  it('serves a lower priority number first, then arrival order', async () => {
    const semaphore = new Semaphore(1);
    const held = await semaphore.acquire();
    const order: string[] = [];
    const wait = (name: string, priority: number) => semaphore.acquire(undefined, priority).then((release) => (order.push(name), release()));
    const all = Promise.all([wait('late-low', 5), wait('first-high', 1), wait('second-high', 1), wait('low', 3)]);
    held();
    await all;
    assert.deepEqual(order, ['first-high', 'second-high', 'low', 'late-low']);
  });

  it('skips a cancelled waiter', async () => {
    const semaphore = new Semaphore(1);
    const held = await semaphore.acquire();
    const controller = new AbortController();
    const cancelled = semaphore.acquire(controller.signal, 0);
    const next = semaphore.acquire(undefined, 1);
    controller.abort(new Error('gone'));
    await assert.rejects(cancelled, /gone/);
    held();
    (await next)();
    assert.equal(semaphore.active, 0);
    assert.equal(semaphore.waiting, 0);
  });
});
