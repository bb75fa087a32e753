/**
 * The core served over a message channel: the first message opens it, then one message per
 * operation is answered and the core's events are pushed. The core's own process runs it
 * (coreProcessMain.ts); tests run it over an in-memory channel too.
 */
import { join } from 'node:path';
import { createCore, type Core } from '../app/createCore';
import { fileTokenVault, keyedTokenCipher, memoryTokenVault } from '../sync/tokenVault';
import { DataKey } from '../store';
import { toCoreSchema, type CoreStartOptions, type FromCore, type MessageEndpoint } from './coreProtocol';

export function clockFrom(start: string | undefined): () => Date {
  if (!start) return () => new Date();
  const from = Date.parse(start);
  if (Number.isNaN(from)) throw new Error(`HUZHU_CLOCK 须为 ISO 时间，如 2020-04-15T09:00:00+08:00：${start}`);
  const launched = Date.now();
  return () => new Date(from + (Date.now() - launched));
}

async function open(options: CoreStartOptions): Promise<Core> {
  const dataKey = DataKey.fromBase64(options.dataKey);
  const tokens = options.keepTokens
    ? fileTokenVault(join(options.dataDir, 'token.bin'), keyedTokenCipher(dataKey.subkey('tokens')))
    : memoryTokenVault();
  return createCore({
    dataDir: options.dataDir,
    dataKey,
    tokens,
    serverUrl: options.serverUrl,
    now: clockFrom(options.clockStart),
    backgroundThread: options.backgroundThread,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    ...(options.operator ? { operator: options.operator } : {}),
  });
}

/** Returns the clean shutdown, for a parent that went away without a word. */
export function serveCore(endpoint: MessageEndpoint, exit: (code: number) => void): { close(): Promise<void> } {
  let core: Core | null = null;
  let closing = false;
  const post = (message: FromCore) => endpoint.post(message);
  const close = async () => {
    if (closing) return;
    closing = true;
    await core?.close();
    post({ type: 'closed' });
    exit(0);
  };
  endpoint.onMessage((raw) => {
    const parsed = toCoreSchema.safeParse(raw);
    if (!parsed.success) return;
    const message = parsed.data;
    switch (message.type) {
      case 'start':
        if (core) return;
        open(message.options).then(
          (opened) => {
            core = opened;
            opened.events.subscribe((event) => post({ type: 'event', event }));
            void opened.ready.then(() => post({ type: 'ready' }));
          },
          (error: unknown) => {
            post({ type: 'startFailed', message: (error as Error)?.message ?? '核心启动失败' });
            exit(1);
          },
        );
        return;
      case 'call': {
        const { id, operation, input } = message;
        if (!core) {
          post({ type: 'result', id, result: { ok: false, status: 503, error: { code: 'CORE_STARTING', message: '应用仍在启动，请稍候' } } });
          return;
        }
        void core.dispatcher.dispatch(operation, input).then((result) => post({ type: 'result', id, result }));
        return;
      }
      case 'close':
        void close();
        return;
    }
  });
  return { close };
}
