/**
 * 文书: preview and print the batch's notices, confirmation, commitments and roster (PDFs
 * the core generates), and this batch's print log. A print is counted and logged by the core.
 */
import { useCallback, useEffect, useState } from 'react';
import type { BatchDetail, DocumentKind, PrintLogPage } from '../../../shared/api/dto';
import { DOCUMENT_KIND_LABELS, DOCUMENT_KINDS } from '../../../shared/api/dto';
import { isUnavailable, toApiFailure } from '../../api/apiFailure';
import type { PrintJob, PrintOutcome } from '../../api/connection';
import { api, connection } from '../../api/session';
import { Callout } from '../../components/Callout';
import { M } from '../../i18n/messages';
import { useApp } from '../../state/appStore';
import { formatTimestamp } from '../../util/dates';
import { base64ToBlob } from '../../util/files';

/** The clerk's message for a print sent to the printer or opened in a tab. */
export function printMessage(outcome: PrintOutcome, label: string, printNumber: number, pages: number): string {
  if (!outcome.ok) return M.documents.printFailed(outcome.reason);
  return outcome.via === 'tab' ? M.documents.openedInTab(label, printNumber, pages) : M.documents.printed(label, printNumber, pages);
}

/** Generates one numbered, logged print and sends it; `job` was begun in the clerk's click. */
export async function printDocument(batchId: string, kind: DocumentKind, job: PrintJob): Promise<{ ok: boolean; message: string; missing: string[] }> {
  try {
    const doc = await api()['documents.generate']({ batchId, kind, purpose: 'print' });
    const outcome = await job.send(doc.base64);
    return { ok: outcome.ok, message: printMessage(outcome, DOCUMENT_KIND_LABELS[kind], doc.printNumber ?? 1, doc.pages), missing: doc.missingCharacters ?? [] };
  } catch (e) {
    job.cancel();
    return { ok: false, message: isUnavailable(e) ? M.documents.unavailable : toApiFailure(e, M.errors.generic).message, missing: [] };
  }
}

export function DocumentsStep({ detail }: { detail: BatchDetail }) {
  const notify = useApp((s) => s.notify);
  const [preview, setPreview] = useState<{ kind: DocumentKind; url: string; pages: number } | null>(null);
  const [missing, setMissing] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [unavailable, setUnavailable] = useState(false);
  const [busy, setBusy] = useState<DocumentKind | null>(null);
  const [log, setLog] = useState<PrintLogPage | null>(null);

  const loadLog = useCallback(async () => {
    try {
      setLog(await api()['documents.printLog']({ batchId: detail.id, limit: 200 }));
    } catch (e) {
      if (isUnavailable(e)) setUnavailable(true);
    }
  }, [detail.id]);

  useEffect(() => {
    void loadLog();
  }, [loadLog]);
  useEffect(() => () => {
    if (preview) URL.revokeObjectURL(preview.url);
  }, [preview]);

  const showPreview = async (kind: DocumentKind) => {
    setBusy(kind);
    setError(null);
    try {
      const doc = await api()['documents.generate']({ batchId: detail.id, kind, purpose: 'preview' });
      setPreview({ kind, url: URL.createObjectURL(base64ToBlob(doc.base64, 'application/pdf')), pages: doc.pages });
      setMissing(doc.missingCharacters ?? []);
    } catch (e) {
      if (isUnavailable(e)) setUnavailable(true);
      else setError(toApiFailure(e, M.errors.generic).message);
    } finally {
      setBusy(null);
    }
  };

  const print = async (kind: DocumentKind) => {
    const job = connection().beginPrint();
    setBusy(kind);
    const result = await printDocument(detail.id, kind, job);
    setBusy(null);
    setMissing(result.missing);
    notify(result.ok ? 'success' : 'error', result.message);
    void loadLog();
  };

  const printsOf = (kind: DocumentKind) => log?.entries.filter((e) => e.kind === kind).length ?? 0;

  return (
    <div className="documents-step">
      {unavailable && <Callout tone="warn">{M.documents.unavailable}</Callout>}
      {error && <Callout tone="error">{error}</Callout>}
      {missing.length > 0 && <Callout tone="warn">{M.documents.missingCharacters(missing.join(' '))}</Callout>}
      <div className="doc-layout">
        <ul className="doc-list">
          {DOCUMENT_KINDS.map((kind) => (
            <li key={kind} className={preview?.kind === kind ? 'active' : ''}>
              <div>
                <strong>{DOCUMENT_KIND_LABELS[kind]}</strong>
                <div className="muted small">{M.documents.printCount(printsOf(kind))}</div>
              </div>
              <div className="actions">
                <button type="button" className="button small" disabled={busy !== null} onClick={() => void showPreview(kind)} data-doc-preview={kind}>
                  {M.documents.preview}
                </button>
                <button type="button" className="button small primary" disabled={busy !== null} onClick={() => void print(kind)} data-doc-print={kind}>
                  {M.documents.print}
                </button>
              </div>
            </li>
          ))}
        </ul>
        <div className="doc-preview">
          {preview ? (
            <iframe title={DOCUMENT_KIND_LABELS[preview.kind]} src={preview.url} />
          ) : (
            <p className="empty">{busy ? M.documents.generating : M.documents.choose}</p>
          )}
        </div>
      </div>
      {log && log.entries.length > 0 && (
        <>
          <h3>{M.documents.batchLog(log.total)}</h3>
          <table className="table compact">
            <tbody>
              {log.entries.map((e) => (
                <tr key={`${e.kind}-${e.printNumber}-${e.at}`}>
                  <td>{formatTimestamp(e.at)}</td>
                  <td>{DOCUMENT_KIND_LABELS[e.kind]}</td>
                  <td>{M.documents.nth(e.printNumber)}</td>
                  <td>{e.actor}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}
