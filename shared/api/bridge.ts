/**
 * What the Electron preload exposes to the window (`window.huzhu`), and the IPC channel
 * names both sides use. The renderer's transport over it and over HTTP answer alike: a
 * result, or an ApiError.
 */
import { z } from 'zod';
import type { ApiError } from './dto';

export const BRIDGE_KEY = 'huzhu';
export const IPC_CALL = 'huzhu:call';
export const IPC_EVENT = 'huzhu:event';
export const IPC_PRINT = 'huzhu:print';
export const IPC_PRINTERS = 'huzhu:printers';

/** How to print: to a named printer without a dialog (a print queue's run), else through the system dialog; duplex on both sides. */
export const printOptionsSchema = z.strictObject({
  deviceName: z.string().min(1).max(300).optional(),
  duplex: z.boolean().optional(),
});
export type PrintOptions = z.infer<typeof printOptionsSchema>;

export interface PrinterInfo {
  name: string;
  displayName: string;
}

export type BridgeAnswer = { ok: true; value: unknown } | { ok: false; status: number; error: ApiError };

export interface HuzhuBridge {
  call(operation: string, input: unknown): Promise<BridgeAnswer>;
  /** Returns the unsubscribe function. */
  onEvent(listener: (event: unknown) => void): () => void;
  /** Sends a generated PDF (base64) to the system print dialog, or straight to `deviceName`; ok once the print job was accepted. */
  print(pdfBase64: string, options?: PrintOptions): Promise<{ ok: boolean; reason?: string }>;
  /** The printers the system knows. */
  printers(): Promise<PrinterInfo[]>;
}
