import type { Scheme } from '../../shared/domain/scheme';
import type { ServerContext } from '../context';
import type { BatchRecord } from '../store/batchesStore';

/** The scheme version a batch was submitted under (always stored: batches reference it). */
export async function loadSchemeOf(ctx: ServerContext, batch: BatchRecord): Promise<Scheme> {
  return (await ctx.schemes.get(batch.schemeId, batch.schemeVersion))!.scheme;
}
