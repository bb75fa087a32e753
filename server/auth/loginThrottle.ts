/**
 * Throttling of password guesses, per account typed and per client address: a few free
 * failures, then a wait that doubles with each failure, then a lock. A refused attempt
 * answers 429 with Retry-After before any password is hashed. An unknown account is
 * counted exactly as a known one, so the answers do not tell which accounts exist.
 */
import { createHmac } from 'node:crypto';
import type { Clock } from '../clock';
import { refuse } from '../http/wireHttpError';
import type { LoginFailuresStore } from '../store/loginFailuresStore';

export interface ThrottlePolicy {
  /** Failures answered without a wait. */
  freeFailures: number;
  /** The wait after the first failure beyond the free ones; doubles with each further one. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** From this many failures on, the subject is locked for `lockMs`. */
  lockAfter: number;
  lockMs: number;
  /** A count whose last failure is older than this starts again. */
  forgetAfterMs: number;
}

export interface ThrottlePolicies {
  account: ThrottlePolicy;
  /** Looser: one office's clerks share an address behind its NAT. */
  address: ThrottlePolicy;
}

export const DEFAULT_THROTTLE: ThrottlePolicies = {
  account: { freeFailures: 3, baseDelayMs: 1000, maxDelayMs: 60_000, lockAfter: 10, lockMs: 15 * 60_000, forgetAfterMs: 3600_000 },
  address: { freeFailures: 20, baseDelayMs: 1000, maxDelayMs: 60_000, lockAfter: 100, lockMs: 15 * 60_000, forgetAfterMs: 3600_000 },
};

/** How long after the last of `failures` failures the next attempt must wait. */
export function waitAfter(policy: ThrottlePolicy, failures: number): number {
  if (failures >= policy.lockAfter) return policy.lockMs;
  if (failures < policy.freeFailures) return 0;
  return Math.min(policy.baseDelayMs * 2 ** (failures - policy.freeFailures), policy.maxDelayMs);
}

export class LoginThrottle {
  constructor(
    private readonly store: LoginFailuresStore,
    private readonly key: Buffer,
    private readonly clock: Clock,
    private readonly policies: ThrottlePolicies = DEFAULT_THROTTLE,
  ) {}

  private subject(kind: 'account' | 'address', value: string): string {
    return createHmac('sha256', this.key).update(`${kind}\u0000${value.normalize('NFC').toLowerCase()}`).digest('base64url');
  }

  private async remainingMs(kind: 'account' | 'address', value: string): Promise<number> {
    const count = await this.store.get(this.subject(kind, value));
    if (!count) return 0;
    const policy = this.policies[kind];
    const last = new Date(count.lastFailureAt).getTime();
    const now = this.clock().getTime();
    if (now - last >= policy.forgetAfterMs) return 0;
    return Math.max(0, last + waitAfter(policy, count.failures) - now);
  }

  /** Throws 429 while the account (if given) or the address must wait. */
  async check(address: string, account?: string): Promise<void> {
    const ms = Math.max(await this.remainingMs('address', address), account === undefined ? 0 : await this.remainingMs('account', account));
    if (ms <= 0) return;
    const seconds = Math.ceil(ms / 1000);
    const wait = seconds >= 60 ? `${Math.ceil(seconds / 60)} 分钟` : `${seconds} 秒`;
    throw refuse('tooManyAttempts', `失败次数过多，请 ${wait}后再试`, { headers: { 'retry-after': String(seconds) } });
  }

  async failed(address: string, account?: string): Promise<void> {
    const now = this.clock().getTime();
    const at = new Date(now).toISOString();
    const forget = (kind: 'account' | 'address') => new Date(now - this.policies[kind].forgetAfterMs).toISOString();
    await this.store.record(this.subject('address', address), at, forget('address'));
    if (account !== undefined) await this.store.record(this.subject('account', account), at, forget('account'));
  }

  /** A right password clears the account's count; the address keeps its own, so one good account cannot reset it. */
  async succeeded(account: string): Promise<void> {
    await this.store.clear(this.subject('account', account));
  }

  /** Counts no longer able to delay anyone. */
  purge(): Promise<number> {
    const longest = Math.max(this.policies.account.forgetAfterMs, this.policies.address.forgetAfterMs);
    return this.store.purgeBefore(new Date(this.clock().getTime() - longest).toISOString());
  }
}
