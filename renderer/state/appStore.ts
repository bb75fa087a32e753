/**
 * What every screen shares: where the clerk is, the units and the current one, the
 * schemes, the sync and login state for the header, notices, and the one modal dialog.
 */
import type { ReactNode } from 'react';
import { create } from 'zustand';
import type { AuthStatus, SchemeSummary, SyncStatus, UnitProfile } from '../../shared/api/dto';
import type { Scheme } from '../../shared/domain/scheme';
import { toApiFailure } from '../api/apiFailure';
import { api } from '../api/session';
import { M } from '../i18n/messages';

export type BatchStep = 'plans' | 'roster' | 'check' | 'premium' | 'submit' | 'payment' | 'documents';
export const BATCH_STEPS: readonly BatchStep[] = ['plans', 'roster', 'check', 'premium', 'submit', 'payment', 'documents'];

export type Screen =
  | { name: 'units'; unitId?: string }
  | { name: 'batches' }
  | { name: 'batch'; batchId: string; step: BatchStep }
  | { name: 'quickEntry'; batchId?: string }
  | { name: 'sync' }
  | { name: 'printLog' }
  | { name: 'records' }
  | { name: 'todo' };

export interface Notice {
  id: number;
  kind: 'info' | 'success' | 'error';
  text: string;
}

export interface DialogRequest {
  title: string;
  body: ReactNode;
  confirmLabel: string;
  cancelLabel?: string;
  danger?: boolean;
  /** Asks for a line of text (a reason); the dialog refuses to confirm while it is empty. */
  input?: { label: string; placeholder?: string };
  resolve(answer: { confirmed: boolean; text: string }): void;
}

/** An optional capability of the core: unknown until asked, then on or not offered yet. */
export type Availability = 'unknown' | 'available';

interface AppState {
  screen: Screen;
  units: UnitProfile[];
  unitsLoaded: boolean;
  currentUnitId: string | null;
  schemes: SchemeSummary[];
  schemeDetails: Record<string, Scheme>;
  sync: { availability: Availability; status: SyncStatus | null; error: string | null };
  auth: { availability: Availability; status: AuthStatus | null };
  eventLinkUp: boolean;
  notices: Notice[];
  dialog: DialogRequest | null;

  navigate(screen: Screen): void;
  loadUnits(): Promise<void>;
  selectUnit(unitId: string | null): void;
  rememberUnit(unit: UnitProfile): void;
  loadSchemes(): Promise<void>;
  scheme(schemeId: string): Promise<Scheme>;
  refreshSync(): Promise<void>;
  setSyncStatus(status: SyncStatus): void;
  refreshAuth(): Promise<void>;
  setAuthStatus(status: AuthStatus): void;
  setEventLink(up: boolean): void;
  notify(kind: Notice['kind'], text: string): void;
  dismiss(id: number): void;
  openDialog(dialog: DialogRequest): void;
  closeDialog(answer: { confirmed: boolean; text: string }): void;
}

let nextNoticeId = 1;

// The unit last worked on, for the next launch (a window serving many units reopens where it was).
const UNIT_KEY = 'huzhu.currentUnitId';
function rememberedUnitId(): string | null {
  try {
    return window.localStorage.getItem(UNIT_KEY);
  } catch {
    return null;
  }
}
function rememberUnitId(unitId: string | null): void {
  try {
    if (unitId) window.localStorage.setItem(UNIT_KEY, unitId);
    else window.localStorage.removeItem(UNIT_KEY);
  } catch {
    // Storage refused (private mode): the choice lasts this session only.
  }
}

export const useApp = create<AppState>((set, get) => ({
  screen: { name: 'batches' },
  units: [],
  unitsLoaded: false,
  currentUnitId: null,
  schemes: [],
  schemeDetails: {},
  sync: { availability: 'unknown', status: null, error: null },
  auth: { availability: 'unknown', status: null },
  eventLinkUp: false,
  notices: [],
  dialog: null,

  navigate: (screen) => set({ screen }),

  async loadUnits() {
    try {
      const units = await api()['units.list']({});
      units.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
      const current = get().currentUnitId ?? rememberedUnitId();
      set({
        units,
        unitsLoaded: true,
        currentUnitId: current && units.some((u) => u.id === current) ? current : (units[0]?.id ?? null),
      });
    } catch (e) {
      set({ unitsLoaded: true });
      get().notify('error', toApiFailure(e, M.errors.generic).message);
    }
  },

  selectUnit(unitId) {
    rememberUnitId(unitId);
    const screen = get().screen;
    // A batch belongs to one unit: switching units leaves it for that unit's list.
    set({ currentUnitId: unitId, ...(screen.name === 'batch' || screen.name === 'quickEntry' ? { screen: { name: 'batches' } } : {}) });
  },

  rememberUnit(unit) {
    const others = get().units.filter((u) => u.id !== unit.id);
    const units = [...others, unit].sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
    set({ units, currentUnitId: get().currentUnitId ?? unit.id });
  },

  async loadSchemes() {
    try {
      set({ schemes: await api()['schemes.list']({}) });
    } catch (e) {
      get().notify('error', toApiFailure(e, M.errors.generic).message);
    }
  },

  async scheme(schemeId) {
    const known = get().schemeDetails[schemeId];
    if (known) return known;
    const scheme = await api()['schemes.get']({ schemeId });
    set({ schemeDetails: { ...get().schemeDetails, [schemeId]: scheme } });
    return scheme;
  },

  async refreshSync() {
    try {
      const status = await api()['sync.status']({});
      set({ sync: { availability: 'available', status, error: null } });
    } catch (e) {
      set({ sync: { ...get().sync, error: toApiFailure(e, M.errors.generic).message } });
    }
  },

  setSyncStatus: (status) => set({ sync: { availability: 'available', status, error: null } }),

  async refreshAuth() {
    try {
      const status = await api()['auth.status']({});
      set({ auth: { availability: 'available', status } });
    } catch (e) {
      get().notify('error', toApiFailure(e, M.errors.generic).message);
    }
  },

  setAuthStatus: (status) => set({ auth: { availability: 'available', status } }),

  setEventLink: (up) => set({ eventLinkUp: up }),

  notify(kind, text) {
    const id = nextNoticeId++;
    set({ notices: [...get().notices.slice(-4), { id, kind, text }] });
    window.setTimeout(() => get().dismiss(id), kind === 'error' ? 10_000 : 5_000);
  },

  dismiss: (id) => set({ notices: get().notices.filter((n) => n.id !== id) }),

  openDialog(dialog) {
    get().dialog?.resolve({ confirmed: false, text: '' });
    set({ dialog });
  },

  closeDialog(answer) {
    const dialog = get().dialog;
    set({ dialog: null });
    dialog?.resolve(answer);
  },
}));

/** Asks the clerk to confirm; resolves true only on an explicit confirmation. */
export function askConfirm(request: Omit<DialogRequest, 'resolve' | 'input'>): Promise<boolean> {
  return new Promise((resolve) => useApp.getState().openDialog({ ...request, resolve: (a) => resolve(a.confirmed) }));
}

/** Asks for a line of text (a reason); null when cancelled. */
export function askText(request: Omit<DialogRequest, 'resolve'> & { input: NonNullable<DialogRequest['input']> }): Promise<string | null> {
  return new Promise((resolve) => useApp.getState().openDialog({ ...request, resolve: (a) => resolve(a.confirmed ? a.text : null) }));
}

/** Runs a call, showing its refusal as a notice; returns undefined when it failed. */
export async function attempt<T>(work: () => Promise<T>, onError?: (message: string, e: unknown) => void): Promise<T | undefined> {
  try {
    return await work();
  } catch (e) {
    const failure = toApiFailure(e, M.errors.generic);
    if (onError) onError(failure.message, e);
    else useApp.getState().notify('error', failure.message);
    return undefined;
  }
}
