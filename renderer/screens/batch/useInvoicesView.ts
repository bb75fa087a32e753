/**
 * The batch's invoice view from the core (invoices.list), read again when the batch changes
 * (here or through sync), when the outbox moves or a pull lands, and after a request.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { InvoicesView } from '../../../shared/api/dto';
import { api, connection } from '../../api/session';
import { useApp } from '../../state/appStore';
import { invoiceSyncKey } from './invoiceRequestRows';

export function useInvoicesView(batchId: string): { view: InvoicesView | null; reload(): Promise<void> } {
  const [view, setView] = useState<InvoicesView | null>(null);
  const syncKey = useApp((s) => invoiceSyncKey(s.sync.status));

  const latest = useRef(0);

  const reload = useCallback(async () => {
    // Reads may overlap (an event during a request): only the last one asked counts.
    const mine = ++latest.current;
    try {
      const next = await api()['invoices.list']({ batchId });
      if (mine === latest.current) setView((v) => (v === null || JSON.stringify(v) !== JSON.stringify(next) ? next : v));
    } catch {
      // Kept as it was: the next change or pull reads again.
    }
  }, [batchId]);

  useEffect(() => {
    void reload();
  }, [reload, syncKey]);

  useEffect(
    () =>
      connection().onEvent((e) => {
        if (e.type === 'batch.changed' && e.batchId === batchId) void reload();
      }),
    [reload, batchId],
  );

  return { view, reload };
}
