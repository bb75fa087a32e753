/**
 * Whether the association's server answers. Online means "it answered lately"; while
 * offline a cheap conditional GET of the scheme catalogue probes it with back-off, and when
 * it answers again every waiting action is due at once.
 */
import { ROUTES, routePath } from '../../../shared/wire';
import type { Store } from '../store';
import { backoffDelay, type BackoffPolicy } from './backoff';
import type { ServerClient } from './serverClient';
import { ENGINE_KEYS } from './syncKeys';

export interface ConnectivityOptions {
  store: Store;
  now: () => Date;
  random: () => number;
  probeBackoff: BackoffPolicy;
  probeTimeoutMs: number;
  /** Connectivity came back: the engine makes the outbox due and pulls. */
  onBack(): void;
  /** Online or offline changed: the engine tells the window. */
  onChange(): void;
}

export class Connectivity {
  online = false;
  /** When the server last answered anything (ms). */
  lastContactAt = 0;
  nextProbeAt = 0;
  private probeFailures = 0;

  constructor(private readonly options: ConnectivityOptions) {}

  /** A new server URL, or "retry now": offline until it answers, probed at once. */
  reset(keepOnline = false): void {
    if (!keepOnline) this.online = false;
    this.probeFailures = 0;
    this.nextProbeAt = 0;
  }

  reached(): void {
    this.lastContactAt = this.options.now().getTime();
    if (this.online) return;
    this.online = true;
    this.probeFailures = 0;
    this.options.onBack();
    this.options.onChange();
  }

  unreachable(): void {
    const wasOnline = this.online;
    this.online = false;
    this.probeFailures++;
    this.nextProbeAt = this.options.now().getTime() + backoffDelay(this.probeFailures, this.options.probeBackoff, this.options.random);
    if (wasOnline) this.options.onChange();
  }

  /** A wait after the loop itself failed: one probe's back-off. */
  retryDelay(): number {
    return backoffDelay(1, this.options.probeBackoff, this.options.random);
  }

  /**
   * GET /v1/schemes with If-None-Match: cheap (304) when nothing changed. Resolves with the
   * catalogue and its ETag when it changed, `unchanged` when it did not, null when the
   * server could not be reached.
   */
  async probe(client: ServerClient, signal: AbortSignal): Promise<{ body: unknown; etag: string | null } | 'unchanged' | null> {
    const etag = this.options.store.syncState.get(ENGINE_KEYS.catalogueEtag);
    const res = await client.send({
      method: 'GET',
      path: routePath(ROUTES.schemes),
      timeoutMs: this.options.probeTimeoutMs,
      signal,
      ...(etag ? { headers: { 'if-none-match': etag } } : {}),
    });
    if (!res.ok && !res.reached) {
      this.unreachable();
      return null;
    }
    this.reached();
    return res.ok && res.status === 200 ? { body: res.body, etag: res.etag } : 'unchanged';
  }
}
