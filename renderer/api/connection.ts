/**
 * The renderer's one way to the core: the typed application API over the preload bridge
 * when the window has one, else over HTTP to the browser host with the launch token the
 * first page load carried in its fragment. Screens never learn which host they run in;
 * they get the API, the pushed events, and `beginPrint`.
 */
import { createApiClient } from '../../shared/api/client';
import type { ApiEvent } from '../../shared/api/events';
import type { ApplicationApi } from '../../shared/api/operations';
import { bridgeTransport, followBridgeEvents } from './bridgeTransport';
import { followHttpEvents, httpTransport } from './httpTransport';
import type { HuzhuBridge, PrintOptions, PrinterInfo } from '../../shared/api/bridge';
import { M } from '../i18n/messages';
import { base64ToBlob } from '../util/files';

/** A print on its way: started inside the click (so a browser lets it open a tab), sent once the PDF is ready. */
export interface PrintJob {
  /** `options` only where the host prints itself (Electron): a named printer without a dialog, duplex. */
  send(pdfBase64: string, options?: PrintOptions): Promise<PrintOutcome>;
  cancel(): void;
}

/** `dialog`: the system print dialog opened (Electron); `tab`: the PDF opened in a new tab to print from there (browser). */
export type PrintOutcome = { ok: true; via: 'dialog' | 'tab' } | { ok: false; reason: string };

export interface Connection {
  api: ApplicationApi;
  /** Subscribes to pushed events; returns the unsubscribe function. */
  onEvent(listener: (event: ApiEvent) => void): () => void;
  /** Whether the pushed-event channel is up (HTTP only; the bridge is always up). */
  onLinkChange(listener: (up: boolean) => void): () => void;
  /** Call synchronously in the clerk's click, before generating the PDF. */
  beginPrint(): PrintJob;
  /** Printers to print to without a dialog; none in a browser (it prints through its own dialog). */
  printers(): Promise<PrinterInfo[]>;
}

/** Takes the token from `#token=…` once and removes it from the address bar and history. */
export function takeTokenFromLocation(location: Location, history: History): string | null {
  const params = new URLSearchParams(location.hash.replace(/^#/, ''));
  const token = params.get('token');
  if (token) history.replaceState(null, '', `${location.pathname}${location.search}`);
  return token;
}

function fanOut<T>() {
  const listeners = new Set<(value: T) => void>();
  return {
    add(listener: (value: T) => void) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    emit(value: T) {
      for (const l of listeners) l(value);
    },
  };
}

/**
 * Printing in a plain browser: the PDF opens in a tab of its own (opened in the click, so no
 * popup blocker stops it) and the clerk prints it there with the browser's own dialog.
 */
function printInTab(win: Window): PrintJob {
  const tab = win.open('', '_blank');
  return {
    async send(base64) {
      if (!tab || tab.closed) return { ok: false, reason: M.documents.popupBlocked };
      const url = URL.createObjectURL(base64ToBlob(base64, 'application/pdf'));
      tab.location.href = url;
      // The tab keeps its copy once loaded; the address can go after a while.
      win.setTimeout(() => URL.revokeObjectURL(url), 10 * 60_000);
      return { ok: true, via: 'tab' };
    },
    cancel() {
      tab?.close();
    },
  };
}

function bridgePrint(bridge: HuzhuBridge): PrintJob {
  return {
    async send(base64, options) {
      const r = await bridge.print(base64, options);
      return r.ok ? { ok: true, via: 'dialog' } : { ok: false, reason: r.reason ?? '' };
    },
    cancel() {},
  };
}

export function connect(win: Window): Connection {
  const events = fanOut<ApiEvent>();
  const link = fanOut<boolean>();
  const bridge = win.huzhu;
  if (bridge) {
    followBridgeEvents(bridge, events.emit);
    return {
      api: createApiClient(bridgeTransport(bridge)),
      onEvent: events.add,
      onLinkChange: link.add,
      beginPrint: () => bridgePrint(bridge),
      printers: () => bridge.printers(),
    };
  }
  // Null after a reload: the cookie the host set from the launch address carries the session.
  const token = takeTokenFromLocation(win.location, win.history);
  followHttpEvents(token, events.emit, link.emit);
  return {
    api: createApiClient(httpTransport(token)),
    onEvent: events.add,
    onLinkChange: link.add,
    beginPrint: () => printInTab(win),
    printers: async () => [],
  };
}
