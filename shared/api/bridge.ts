/**
 * What the Electron preload exposes to the window (`window.huzhu`), and the IPC channel
 * names both sides use. The renderer's transport over it and over HTTP answer alike: a
 * result, or an ApiError.
 */
import type { ApiError } from './dto';

export const BRIDGE_KEY = 'huzhu';
export const IPC_CALL = 'huzhu:call';
export const IPC_EVENT = 'huzhu:event';
export const IPC_PRINT = 'huzhu:print';

export type BridgeAnswer = { ok: true; value: unknown } | { ok: false; status: number; error: ApiError };

export interface HuzhuBridge {
  call(operation: string, input: unknown): Promise<BridgeAnswer>;
  /** Returns the unsubscribe function. */
  onEvent(listener: (event: unknown) => void): () => void;
  /** Sends a generated PDF (base64) to the system print dialog. */
  print(pdfBase64: string): Promise<{ ok: boolean; reason?: string }>;
}
