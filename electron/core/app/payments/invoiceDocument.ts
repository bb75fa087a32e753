/**
 * invoices.document: the e-invoice document (电子发票 PDF/OFD) the association attached to an
 * issued invoice. Fetched from the server when asked for, with the unit's login; the change
 * feed only says that a document exists (name, size, type), so nothing large sits in the store.
 */
import type { FileDownload, ValidIn } from '../../../../shared/api';
import type { SyncEngine } from '../../sync';
import { serverFactsKey, type ServerFacts } from '../../sync';
import { storeCall, type CoreContext } from '../coreContext';
import { CoreError } from '../../coreError';

/** Why the association cannot be asked now, or null when it can. */
function unavailable(sync: SyncEngine): CoreError | null {
  if (!sync.serverUrl) return new CoreError('NO_SERVER', '未设置互助会服务器，无法下载电子发票', 409);
  const auth = sync.authStatus();
  if (!auth.loggedIn) {
    return auth.account
      ? new CoreError('LOGIN_REQUIRED', `“${auth.account}”的登录已失效，请重新登录后下载电子发票`, 401)
      : new CoreError('LOGIN_REQUIRED', '请先登录互助会账号，登录后才能下载电子发票', 401);
  }
  return null;
}

const OFFLINE_CODES = new Set(['offline', 'timeout', 'truncatedResponse', 'unreadableResponse']);

export async function invoiceDocument(ctx: CoreContext, sync: SyncEngine, input: ValidIn<'invoices.document'>): Promise<FileDownload> {
  const batch = storeCall(() => ctx.store.batches.get(input.batchId));
  if (!batch) throw new CoreError('NOT_FOUND', '找不到该批次', 404, 'batchId');
  const facts = storeCall(() => ctx.store.syncState.getJson<ServerFacts>(serverFactsKey(input.batchId))) ?? {};
  const invoice = (facts.invoices ?? []).find((i) => i.invoiceId === input.invoiceId);
  if (!invoice) throw new CoreError('NOT_FOUND', '该发票尚未开具（或尚未同步到本机）', 404, 'invoiceId');
  if (!invoice.document) throw new CoreError('NO_DOCUMENT', `互助会没有上传发票 ${invoice.invoiceNumber} 的电子文件`, 404, 'invoiceId');
  const blocked = unavailable(sync);
  if (blocked) throw blocked;
  const res = await sync.fetchInvoiceDocument(input.batchId, input.invoiceId);
  if (!res.ok) {
    if (OFFLINE_CODES.has(res.error.code)) throw new CoreError('OFFLINE', `无法连接互助会服务器，联网后再下载电子发票（${res.error.message}）`, 503);
    if (res.error.code === 'notFound') throw new CoreError('NOT_FOUND', `互助会服务器上找不到发票 ${invoice.invoiceNumber} 的电子文件，请确认登录的是该批次所属单位的账号`, 404);
    if (res.error.code === 'LOGIN_REQUIRED' || res.error.code === 'tokenExpired' || res.error.code === 'authRequired') {
      throw new CoreError('LOGIN_REQUIRED', '登录已失效，请重新登录后下载电子发票', 401);
    }
    throw new CoreError(res.error.code, `电子发票下载失败：${res.error.message}`, 502);
  }
  return { fileName: invoice.document.name, mimeType: res.contentType ?? invoice.document.type, base64: Buffer.from(res.bytes).toString('base64') };
}
