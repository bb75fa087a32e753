/**
 * documents.*: the PDFs a clerk or a service window prints, built from what the store
 * holds (electron/core/documents/batch); previews are never counted, prints are counted
 * once the printer took them.
 */
import type { OperationHandlers } from '../../../../shared/api';
import { documentAvailability, previewDocument, printDocument, printQueue, recordPrints } from './batchPrinting';
import type { CoreContext } from '../coreContext';

export function documentsHandlers(
  ctx: CoreContext,
): Pick<OperationHandlers, 'documents.available' | 'documents.generate' | 'documents.recordPrints' | 'documents.printQueue' | 'documents.printLog'> {
  return {
    'documents.available': async ({ batchId }) => documentAvailability(ctx, batchId),
    'documents.generate': async ({ batchId, kind, purpose, allowMissingGlyphs }) =>
      purpose === 'preview' ? previewDocument(ctx, batchId, kind) : printDocument(ctx, batchId, kind, allowMissingGlyphs ?? false),
    'documents.recordPrints': async ({ prints }) => recordPrints(ctx, prints),
    'documents.printQueue': ({ batchIds, kind, duplex, allowMissingGlyphs }) => printQueue(ctx, batchIds, kind, { duplex: duplex ?? false, allowMissingGlyphs: allowMissingGlyphs ?? false }),
    'documents.printLog': async ({ batchId, unitId, offset, limit }) =>
      ctx.store.printLog.list({ ...(batchId ? { batchId } : {}), ...(unitId ? { unitId } : {}), offset, limit }),
  };
}
