/**
 * The notice for a decision of the association that sync brought (approved, persons refused,
 * voucher returned, payment confirmed, effective date set): the app's counterpart of the SMS
 * the associations send. An OS notification in the Electron shell, an in-app notice in the
 * browser host; both read the same words from here.
 */
import { BATCH_EVENT_LABELS, batchStateLabel } from '../domain/batch';
import type { ApiEvent } from './events';

export const NOTICE_TITLE = '互助会通知';

/** The notice's text, or null for an event that is not the association's decision. */
export function associationNotice(event: ApiEvent): string | null {
  if (event.type !== 'batch.changed' || event.record.actor.kind !== 'server') return null;
  const reason = event.record.reason && event.record.event !== 'adoptServerState' ? `：${event.record.reason}` : '';
  const what = event.record.event === 'adoptServerState' ? '更新了批次状态' : BATCH_EVENT_LABELS[event.record.event];
  return `互助会${what}，批次现为“${batchStateLabel(event.state)}”${reason}`;
}
