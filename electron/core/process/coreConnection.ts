/**
 * The window's side of the core's process: the dispatcher and event source the IPC binding
 * and the browser host use, each call a message answered by the core. Nothing here does the
 * core's work, so the process that serves the window stays free while the core is busy.
 */
import { isOperationName } from '../../../shared/api';
import type { DispatchResult, HostEvents, OperationDispatcher } from '../host/httpHost';
import { fromCoreSchema, type CoreStartOptions, type MessageEndpoint, type ToCore } from './coreProtocol';

type HostEvent = Parameters<Parameters<HostEvents['subscribe']>[0]>[0];

const GONE: DispatchResult = { ok: false, status: 503, error: { code: 'CORE_EXITED', message: '应用核心已停止，请重新启动应用；已保存的工作不会丢失' } };

export class CoreConnection implements OperationDispatcher, HostEvents {
  /** Settles once the core answered its start (its store open, its background thread up or known not to start). */
  readonly ready: Promise<void>;
  private readonly pending = new Map<number, (result: DispatchResult) => void>();
  private readonly listeners = new Set<(event: HostEvent) => void>();
  private nextId = 1;
  private exited = false;
  private closed: (() => void) | null = null;

  constructor(
    private readonly endpoint: MessageEndpoint,
    options: CoreStartOptions,
  ) {
    let started!: () => void;
    let failed!: (error: Error) => void;
    this.ready = new Promise((resolve, reject) => {
      started = resolve;
      failed = reject;
    });
    endpoint.onMessage((raw) => {
      const parsed = fromCoreSchema.safeParse(raw);
      if (!parsed.success) return;
      const message = parsed.data;
      switch (message.type) {
        case 'ready':
          started();
          return;
        case 'startFailed':
          failed(new Error(message.message));
          return;
        case 'result':
          this.pending.get(message.id)?.(message.result as DispatchResult);
          this.pending.delete(message.id);
          return;
        case 'event':
          for (const listener of this.listeners) {
            try {
              listener(message.event as HostEvent);
            } catch {
              // One broken subscriber (a closed window) must not stop the others.
            }
          }
          return;
        case 'closed':
          this.closed?.();
          return;
      }
    });
    this.send({ type: 'start', options });
  }

  private send(message: ToCore): void {
    this.endpoint.post(message);
  }

  has(operation: string): boolean {
    return isOperationName(operation);
  }

  dispatch(operation: string, input: unknown): Promise<DispatchResult> {
    if (this.exited) return Promise.resolve(GONE);
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.send({ type: 'call', id, operation, input });
    });
  }

  subscribe(listener: (event: HostEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The process ended: every unanswered call is answered, and later ones too. */
  exitedWith(code: number | null): void {
    this.exited = true;
    for (const answer of this.pending.values()) answer(GONE);
    this.pending.clear();
    this.closed?.();
    if (code !== 0) this.listeners.forEach((l) => l({ type: 'core.exited', code }));
  }

  /** Asks the core to close its store cleanly; resolves when it did (or its process is gone). */
  close(): Promise<void> {
    if (this.exited) return Promise.resolve();
    return new Promise((resolve) => {
      this.closed = resolve;
      this.send({ type: 'close' });
    });
  }
}
