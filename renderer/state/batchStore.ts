/**
 * The batch the clerk has open: its detail, its scheme, the last check summary, an import
 * being followed, and the roster grid's filter (the check step sets it to jump to rows).
 * `rosterVersion` moves whenever the stored roster changed, so the grid drops its pages.
 */
import { create } from 'zustand';
import type { BatchDetail, FindingCount, ImportProgress, RosterCheckSummary } from '../../shared/api/dto';
import type { RosterField } from '../../shared/domain/roster/fields';
import type { Scheme } from '../../shared/domain/scheme';
import { toApiFailure } from '../api/apiFailure';
import { api, connection } from '../api/session';
import { M } from '../i18n/messages';
import { readFileAsBase64 } from '../util/files';
import { useApp } from './appStore';

export interface GridFilter {
  severity?: 'error' | 'warning' | 'info';
  findingCode?: string;
  search?: string;
  /** Only rows the association refused (审核不通过). */
  rejected?: boolean;
}

const FINISHED: ReadonlySet<ImportProgress['phase']> = new Set(['done', 'failed', 'cancelled']);
const POLL_MS = 400;

interface BatchState {
  batchId: string | null;
  detail: BatchDetail | null;
  scheme: Scheme | null;
  loadError: string | null;
  summary: RosterCheckSummary | null;
  /** Finding codes seen on loaded rows, so the grid can filter by them before a full check. */
  seenCodes: Record<string, FindingCount>;
  checking: boolean;
  importJob: ImportProgress | null;
  /** The last file the clerk chose, so a failed import can be run again with a column mapping. */
  lastImport: { file: File; mode: 'append' | 'replace'; planCodes?: string[] } | null;
  filter: GridFilter;
  rosterVersion: number;

  open(batchId: string): Promise<void>;
  refresh(): Promise<BatchDetail | null>;
  setDetail(detail: BatchDetail): void;
  rosterChanged(): void;
  setFilter(filter: GridFilter): void;
  noteCodes(findings: readonly { code: string; severity: FindingCount['severity']; message: string }[]): void;
  recheck(): Promise<RosterCheckSummary | null>;
  /** planCodes: the benefit activities the imported persons take (person-scope schemes). */
  /** columnMapping: the file's headers mapped by hand onto roster fields ({} forgets the unit's remembered one). */
  startImport(file: File, mode: 'append' | 'replace', planCodes?: string[], columnMapping?: Record<string, RosterField>): Promise<void>;
  cancelImport(): Promise<void>;
}

let stopFollowing: (() => void) | null = null;

export const useBatch = create<BatchState>((set, get) => ({
  batchId: null,
  detail: null,
  scheme: null,
  loadError: null,
  summary: null,
  seenCodes: {},
  checking: false,
  importJob: null,
  lastImport: null,
  filter: {},
  rosterVersion: 0,

  async open(batchId) {
    if (get().batchId !== batchId) {
      stopFollowing?.();
      stopFollowing = null;
      set({ batchId, detail: null, scheme: null, loadError: null, summary: null, seenCodes: {}, importJob: null, lastImport: null, filter: {}, checking: false });
    }
    try {
      const detail = await api()['batches.get']({ batchId });
      const scheme = await useApp.getState().scheme(detail.schemeId);
      if (get().batchId === batchId) set({ detail, scheme });
    } catch (e) {
      set({ loadError: toApiFailure(e, M.errors.generic).message });
    }
  },

  async refresh() {
    const batchId = get().batchId;
    if (!batchId) return null;
    try {
      const detail = await api()['batches.get']({ batchId });
      if (get().batchId === batchId) set({ detail });
      return detail;
    } catch (e) {
      useApp.getState().notify('error', toApiFailure(e, M.errors.generic).message);
      return null;
    }
  },

  setDetail: (detail) => {
    if (detail.id === get().batchId) set({ detail });
  },

  rosterChanged: () => set({ rosterVersion: get().rosterVersion + 1, summary: null }),

  setFilter: (filter) => set({ filter }),

  noteCodes(findings) {
    const seen = get().seenCodes;
    let changed = false;
    const next = { ...seen };
    for (const f of findings) {
      if (!next[f.code]) {
        next[f.code] = { code: f.code, severity: f.severity, message: f.message, rows: 0 };
        changed = true;
      }
    }
    if (changed) set({ seenCodes: next });
  },

  async recheck() {
    const batchId = get().batchId;
    if (!batchId || get().checking) return null;
    set({ checking: true });
    try {
      const summary = await api()['roster.recheck']({ batchId });
      if (get().batchId !== batchId) return null;
      set({ summary, rosterVersion: get().rosterVersion + 1 });
      await get().refresh();
      set({ summary });
      return summary;
    } catch (e) {
      useApp.getState().notify('error', toApiFailure(e, M.errors.generic).message);
      return null;
    } finally {
      set({ checking: false });
    }
  },

  async startImport(file, mode, planCodes, columnMapping) {
    const batchId = get().batchId;
    if (!batchId) return;
    set({ lastImport: { file, mode, ...(planCodes ? { planCodes } : {}) } });
    const notify = useApp.getState().notify;
    set({ importJob: { jobId: '', batchId, fileName: file.name, phase: 'queued', rowsRead: 0, totalRows: null, accepted: 0, rejected: 0 } });
    let jobId: string;
    try {
      const base64 = await readFileAsBase64(file);
      jobId = (await api()['roster.import']({ batchId, file: { name: file.name, base64 }, mode, ...(planCodes && planCodes.length > 0 ? { planCodes } : {}), ...(columnMapping ? { columnMapping } : {}) })).jobId;
    } catch (e) {
      const message = toApiFailure(e, M.roster.readFailed).message;
      set({ importJob: { jobId: '', batchId, fileName: file.name, phase: 'failed', rowsRead: 0, totalRows: null, accepted: 0, rejected: 0, error: { code: 'CLIENT', message } } });
      return;
    }
    let finished = false;
    const accept = (p: ImportProgress) => {
      if (finished || p.jobId !== jobId || get().batchId !== batchId) return;
      set({ importJob: p });
      if (FINISHED.has(p.phase)) {
        finished = true;
        stop();
        if (p.phase === 'done') notify('success', M.roster.importDone(p.accepted, p.rejected));
        else if (p.phase === 'cancelled') notify('info', M.roster.importCancelled);
        get().rosterChanged();
        void get().refresh();
      }
    };
    // Events give smooth progress; polling covers a dropped event stream.
    const offEvents = connection().onEvent((e) => {
      if (e.type === 'import.progress') accept(e.progress);
    });
    const poll = window.setInterval(() => {
      api()['roster.importProgress']({ jobId }).then(accept, () => undefined);
    }, POLL_MS);
    const stop = () => {
      offEvents();
      window.clearInterval(poll);
    };
    stopFollowing = stop;
    set({ importJob: { ...get().importJob!, jobId } });
  },

  async cancelImport() {
    const job = get().importJob;
    if (!job?.jobId) return;
    try {
      await api()['roster.cancelImport']({ jobId: job.jobId });
    } catch (e) {
      useApp.getState().notify('error', toApiFailure(e, M.errors.generic).message);
    }
  },
}));
