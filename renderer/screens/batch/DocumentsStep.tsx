/**
 * 文书: the documents the batch's scheme offers, each printable now or only previewable
 * with the reason shown before any click, and this batch's print log. A preview is
 * watermarked and never counted; a print counts once the printer took it (Electron) or the
 * clerk confirms it was printed (browser tab). Characters no font has are shown, per
 * person, before anything is printed; the clerk may print them marked.
 */
import { useCallback, useEffect, useState } from 'react';
import type { BatchDetail, DocumentAvailability, DocumentKind, GeneratedDocument, PendingPrint, PrintLogPage } from '../../../shared/api/dto';
import { DOCUMENT_KIND_LABELS } from '../../../shared/api/dto';
import { ApiFailure, toApiFailure } from '../../api/apiFailure';
import type { PrintJob, PrintOutcome } from '../../api/connection';
import { api, connection } from '../../api/session';
import { Callout } from '../../components/Callout';
import { M } from '../../i18n/messages';
import { useApp } from '../../state/appStore';
import { formatTimestamp } from '../../util/dates';
import { base64ToBlob } from '../../util/files';

export const MISSING_GLYPHS_CODE = 'DOCUMENT_MISSING_GLYPHS';

/** The clerk's message for a print sent to the printer or opened in a tab. */
export function printMessage(outcome: PrintOutcome, label: string, printNumber: number, pages: number): string {
  if (!outcome.ok) return M.documents.printFailed(outcome.reason);
  return outcome.via === 'tab' ? M.documents.openedInTab(label, printNumber, pages) : M.documents.printed(label, printNumber, pages);
}

/** What a print came to: counted (the printer took it), waiting for the clerk to confirm (a tab), refused or failed. */
export type PrintResult =
  | { kind: 'counted'; message: string }
  | { kind: 'confirm'; message: string; prints: PendingPrint[] }
  | { kind: 'missingGlyphs'; message: string }
  | { kind: 'failed'; message: string };

/** Counts prints the printer took; a tab's print waits for the clerk's word. */
export async function settlePrint(outcome: PrintOutcome, prints: PendingPrint[], message: string): Promise<PrintResult> {
  if (!outcome.ok) return { kind: 'failed', message };
  if (outcome.via === 'tab') return { kind: 'confirm', message, prints };
  await api()['documents.recordPrints']({ prints });
  return { kind: 'counted', message };
}

/** Generates one numbered print and sends it; `job` was begun in the clerk's click. */
export async function printDocument(batchId: string, kind: DocumentKind, job: PrintJob, allowMissingGlyphs = false): Promise<PrintResult> {
  let doc: GeneratedDocument;
  try {
    doc = await api()['documents.generate']({ batchId, kind, purpose: 'print', ...(allowMissingGlyphs ? { allowMissingGlyphs } : {}) });
  } catch (e) {
    job.cancel();
    if (e instanceof ApiFailure && e.code === MISSING_GLYPHS_CODE) return { kind: 'missingGlyphs', message: e.message };
    return { kind: 'failed', message: toApiFailure(e, M.errors.generic).message };
  }
  try {
    const outcome = await job.send(doc.base64);
    return await settlePrint(outcome, [doc.pendingPrint!], printMessage(outcome, DOCUMENT_KIND_LABELS[kind], doc.printNumber ?? 1, doc.pages));
  } catch (e) {
    return { kind: 'failed', message: toApiFailure(e, M.errors.generic).message };
  }
}

export function DocumentsStep({ detail }: { detail: BatchDetail }) {
  const notify = useApp((s) => s.notify);
  const [kinds, setKinds] = useState<DocumentAvailability[] | null>(null);
  const [preview, setPreview] = useState<{ kind: DocumentKind; url: string; pages: number } | null>(null);
  const [missing, setMissing] = useState<GeneratedDocument['missingIn']>([]);
  const [refusedGlyphs, setRefusedGlyphs] = useState<{ kind: DocumentKind; message: string } | null>(null);
  const [toConfirm, setToConfirm] = useState<{ message: string; prints: PendingPrint[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<DocumentKind | null>(null);
  const [log, setLog] = useState<PrintLogPage | null>(null);

  const reload = useCallback(async () => {
    try {
      const [available, page] = await Promise.all([api()['documents.available']({ batchId: detail.id }), api()['documents.printLog']({ batchId: detail.id, limit: 200 })]);
      setKinds(available);
      setLog(page);
    } catch (e) {
      setError(toApiFailure(e, M.errors.generic).message);
    }
  }, [detail.id]);

  useEffect(() => {
    void reload();
  }, [reload, detail.state]);
  useEffect(() => () => {
    if (preview) URL.revokeObjectURL(preview.url);
  }, [preview]);

  const showPreview = async (kind: DocumentKind) => {
    setBusy(kind);
    setError(null);
    try {
      const doc = await api()['documents.generate']({ batchId: detail.id, kind, purpose: 'preview' });
      setPreview({ kind, url: URL.createObjectURL(base64ToBlob(doc.base64, 'application/pdf')), pages: doc.pages });
      setMissing(doc.missingIn ?? []);
    } catch (e) {
      setError(toApiFailure(e, M.errors.generic).message);
    } finally {
      setBusy(null);
    }
  };

  const print = async (kind: DocumentKind, allowMissingGlyphs = false) => {
    const job = connection().beginPrint();
    setBusy(kind);
    setRefusedGlyphs(null);
    const result = await printDocument(detail.id, kind, job, allowMissingGlyphs);
    setBusy(null);
    if (result.kind === 'missingGlyphs') setRefusedGlyphs({ kind, message: result.message });
    else if (result.kind === 'confirm') setToConfirm({ message: result.message, prints: result.prints });
    else notify(result.kind === 'counted' ? 'success' : 'error', result.message);
    void reload();
  };

  const confirmPrinted = async () => {
    if (!toConfirm) return;
    try {
      await api()['documents.recordPrints']({ prints: toConfirm.prints });
      notify('success', M.documents.counted);
    } catch (e) {
      notify('error', toApiFailure(e, M.errors.generic).message);
    }
    setToConfirm(null);
    void reload();
  };

  return (
    <div className="documents-step">
      {error && <Callout tone="error">{error}</Callout>}
      {missing.length > 0 && <Callout tone="warn">{M.documents.missingIn(missing.map((m) => `${m.where}（${m.characters.join('')}）`).join('、'))}</Callout>}
      {refusedGlyphs && (
        <Callout tone="warn" testId="missing-glyphs">
          {refusedGlyphs.message}
          <button type="button" className="button small" onClick={() => void print(refusedGlyphs.kind, true)} data-testid="print-marked">
            {M.documents.printMarked}
          </button>
        </Callout>
      )}
      {toConfirm && (
        <Callout tone="info" testId="print-confirm-box">
          {toConfirm.message}
          <button type="button" className="button small primary" onClick={() => void confirmPrinted()} data-testid="print-confirm">
            {M.documents.confirmPrinted}
          </button>
          <button type="button" className="button small" onClick={() => setToConfirm(null)} data-testid="print-not-printed">
            {M.documents.notPrinted}
          </button>
        </Callout>
      )}
      <div className="doc-layout">
        <ul className="doc-list">
          {(kinds ?? []).map((d) => (
            <li key={d.kind} className={preview?.kind === d.kind ? 'active' : ''} data-doc={d.kind}>
              <div>
                <strong>{d.title}</strong>
                <div className="muted small">
                  {M.documents.printCount(d.prints)}
                  {d.documentNumber ? `　${M.documents.fixedAs(d.documentNumber, d.issuedOn ?? '')}` : ''}
                </div>
                {!d.printable && d.reason && (
                  <div className="muted small" data-doc-reason={d.kind}>
                    {d.reason}
                  </div>
                )}
              </div>
              <div className="actions">
                <button type="button" className="button small" disabled={busy !== null} onClick={() => void showPreview(d.kind)} data-doc-preview={d.kind}>
                  {M.documents.preview}
                </button>
                <button
                  type="button"
                  className="button small primary"
                  disabled={busy !== null || !d.printable}
                  title={d.printable ? undefined : d.reason}
                  onClick={() => void print(d.kind)}
                  data-doc-print={d.kind}
                >
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
                  <td>{e.documentNumber}</td>
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
