/**
 * The engine's timers, injectable so tests drive the loop without waiting on real back-off
 * (and never assert wall-clock times).
 */

export interface Scheduler {
  setTimer(fn: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
}

/** Node's timers, unref'd: a pending retry alone never keeps the process alive. */
export const realScheduler: Scheduler = {
  setTimer(fn, ms) {
    const timer = setTimeout(fn, Math.max(0, Math.min(ms, 2 ** 31 - 1)));
    timer.unref();
    return timer;
  },
  clearTimer(handle) {
    clearTimeout(handle as ReturnType<typeof setTimeout>);
  },
};
