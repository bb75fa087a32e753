/**
 * The test switch for the client's fault tests: per route, for the next N matching requests,
 * drop the connection after the server committed, answer 500 before doing anything, answer
 * late, send a truncated body, or send malformed JSON. Enabled only when the server is
 * created programmatically with `faults: true`; otherwise every method refuses.
 */
export type FaultKind = 'dropAfterCommit' | 'fail500' | 'delay' | 'truncateBody' | 'malformedJson';

export interface FaultRule {
  kind: FaultKind;
  /** `METHOD /path/:param` as in ROUTES, or a concrete `METHOD /path`. */
  route: string;
  remaining: number;
  /** For delay. */
  ms?: number;
}

export interface FaultTarget {
  route: string;
  /** How many of the next matching requests (default 1). */
  times?: number;
}

export class FaultSwitch {
  private readonly rules: FaultRule[] = [];

  constructor(readonly enabled: boolean) {}

  private add(kind: FaultKind, target: FaultTarget, ms?: number): void {
    if (!this.enabled) throw new Error('故障注入未启用：须以 createServer({ faults: true }) 创建服务器');
    if (!/^(GET|POST|PUT|DELETE) \//.test(target.route)) throw new Error(`路由须写作“方法 路径”，如 POST /v1/batches：${target.route}`);
    const times = target.times ?? 1;
    if (!Number.isInteger(times) || times < 1) throw new Error('times 须为正整数');
    this.rules.push({ kind, route: target.route, remaining: times, ...(ms !== undefined ? { ms } : {}) });
  }

  /** The handler runs and commits; then the connection is destroyed without a response. */
  dropAfterCommit(target: FaultTarget): void {
    this.add('dropAfterCommit', target);
  }

  /** 500 `injectedFault` before the handler runs: nothing is applied. */
  fail500(target: FaultTarget): void {
    this.add('fail500', target);
  }

  /** The handler runs and commits; the response leaves `ms` later. */
  delay(target: FaultTarget & { ms: number }): void {
    if (!Number.isFinite(target.ms) || target.ms < 0) throw new Error('ms 须为非负数');
    this.add('delay', target, target.ms);
  }

  /** The handler runs and commits; half the body is sent under the full Content-Length, then the connection closes. */
  truncateBody(target: FaultTarget): void {
    this.add('truncateBody', target);
  }

  /** The handler runs and commits; the body sent is not valid JSON (status unchanged). */
  malformedJson(target: FaultTarget): void {
    this.add('malformedJson', target);
  }

  clear(): void {
    this.rules.length = 0;
  }

  /** Rules still armed. */
  pending(): readonly FaultRule[] {
    return this.rules.map((r) => ({ ...r }));
  }

  /** Consumes and returns the first rule matching this request, if any. */
  take(method: string, routePattern: string | undefined, path: string): FaultRule | null {
    const i = this.rules.findIndex((r) => r.route === `${method} ${routePattern}` || r.route === `${method} ${path}`);
    if (i < 0) return null;
    const rule = this.rules[i]!;
    rule.remaining -= 1;
    if (rule.remaining <= 0) this.rules.splice(i, 1);
    return { ...rule };
  }
}
