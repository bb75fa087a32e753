/**
 * The messages between the core's own process and the process that serves the window (the
 * Electron main process, or the browser host): one call per operation, its answer, the
 * core's pushed events. Both ends check what they receive: a message crosses a process.
 */
import { z } from 'zod';

export const coreStartOptionsSchema = z.strictObject({
  dataDir: z.string().min(1),
  serverUrl: z.string().optional(),
  /** HUZHU_CLOCK: the app's clock runs from this instant (a training session inside a scheme's window). */
  clockStart: z.string().optional(),
  backgroundThread: z.boolean(),
  /** better-sqlite3 rebuilt for Electron. */
  nativeBinding: z.string().optional(),
  /**
   * The data key (32 bytes, base64) personal data is sealed with, and the tokens' key is
   * derived from: the shell's, kept with safeStorage; the browser host's, from a passphrase
   * or a key file (dataKeySource.ts).
   */
  dataKey: z.string().min(1),
  /** The key is kept by the OS (safeStorage): the unit account's token may then be kept on disk, sealed with a key derived from it; else it stays in memory. */
  keepTokens: z.boolean().optional(),
  operator: z.string().optional(),
});
export type CoreStartOptions = z.infer<typeof coreStartOptionsSchema>;

export const toCoreSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('start'), options: coreStartOptionsSchema }),
  z.strictObject({ type: z.literal('call'), id: z.number().int().nonnegative(), operation: z.string(), input: z.unknown() }),
  z.strictObject({ type: z.literal('close') }),
]);
export type ToCore = z.infer<typeof toCoreSchema>;

const dispatchResultSchema = z.union([
  z.strictObject({ ok: z.literal(true), value: z.unknown() }),
  z.strictObject({
    ok: z.literal(false),
    status: z.number().int(),
    error: z.object({ code: z.string(), message: z.string(), field: z.string().optional(), details: z.unknown().optional() }),
  }),
]);

export const fromCoreSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('ready') }),
  z.strictObject({ type: z.literal('startFailed'), message: z.string() }),
  z.strictObject({ type: z.literal('result'), id: z.number().int().nonnegative(), result: dispatchResultSchema }),
  z.strictObject({ type: z.literal('event'), event: z.object({ type: z.string() }).loose() }),
  z.strictObject({ type: z.literal('closed') }),
]);
export type FromCore = z.infer<typeof fromCoreSchema>;

/** One end of the channel, whatever carries it (Electron's parentPort or utility process, Node's IPC). */
export interface MessageEndpoint {
  post(message: unknown): void;
  /** Returns the function that stops listening. */
  onMessage(listener: (message: unknown) => void): () => void;
}
