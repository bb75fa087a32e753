/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The renderer runs in a browser window: this one file brings the DOM's types into the
 * type-check. shared/ stays free of DOM globals through the layering test, which scans it
 * for them and refuses a `lib="dom"` reference there.
 */
import type { HuzhuBridge } from '../shared/api/bridge';

declare global {
  interface Window {
    /** Present only inside the Electron window (the preload's bridge). */
    huzhu?: HuzhuBridge;
  }
}

export {};
