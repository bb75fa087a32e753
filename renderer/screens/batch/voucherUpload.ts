/** Reading a chosen voucher or signed commitment: checked by its content, as the core and the association check it. */
import { checkVoucherFile, type VoucherType } from '../../../shared/domain/payment';
import { MAX_PROOF_BYTES } from '../../../shared/wire/limits';

export interface ChosenFile {
  name: string;
  base64: string;
  type: VoucherType;
  bytes: number;
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** The file, or the reason it cannot be sent (empty, too large, not a picture / PDF / Word file). */
export async function readVoucher(file: File, readFailed: string): Promise<{ ok: true; file: ChosenFile } | { ok: false; message: string }> {
  try {
    const bytes = new Uint8Array(await file.arrayBuffer());
    const result = checkVoucherFile(bytes, MAX_PROOF_BYTES);
    if (!result.ok) return { ok: false, message: result.problem.message };
    return { ok: true, file: { name: file.name, base64: toBase64(bytes), type: result.type, bytes: bytes.length } };
  } catch {
    return { ok: false, message: readFailed };
  }
}

export const kilobytes = (bytes: number) => Math.max(1, Math.round(bytes / 1024));
