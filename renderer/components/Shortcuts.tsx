/**
 * Keyboard shortcuts for the common actions. Global ones live here; screens add their own
 * with `useKeys`. Every shortcut is listed in the help (F1).
 */
import { useEffect, useRef, useState, useLayoutEffect } from 'react';
import { M } from '../i18n/messages';
import { useApp } from '../state/appStore';
import { NAV_ITEMS, navigateTo } from './NavBar';
import { OPEN_UNIT_SWITCHER } from './UnitSwitcher';

export function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || !el.tagName) return false;
  return el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable;
}

/** Listens for keys while mounted; the handler returns true when it used the key. */
export function useKeys(handler: (e: KeyboardEvent) => boolean | void): void {
  const ref = useRef(handler);
  // The latest handler, without re-adding the listener on every render.
  useLayoutEffect(() => {
    ref.current = handler;
  });
  useEffect(() => {
    const listener = (e: KeyboardEvent) => {
      if (useApp.getState().dialog) return;
      if (ref.current(e) === true) e.preventDefault();
    };
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);
}

export function useGlobalShortcuts(): { open: boolean; close(): void } {
  const [open, setOpen] = useState(false);
  useKeys((e) => {
    if (e.altKey && !e.ctrlKey && !e.metaKey) {
      const item = NAV_ITEMS.find((i) => i.key === e.key || e.code === `Digit${i.key}`);
      if (item) return (navigateTo(item.screen), true);
    }
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k') return (window.dispatchEvent(new Event(OPEN_UNIT_SWITCHER)), true);
    if (e.key === 'F1') return (setOpen(true), true);
    if (e.key === 'Escape' && open) return (setOpen(false), true);
    return false;
  });
  return { open, close: () => setOpen(false) };
}

export function ShortcutHelp({ onClose }: { onClose(): void }) {
  return (
    <div className="modal-backdrop" onClick={onClose}>
      <div className="modal" role="dialog" aria-modal="true" aria-labelledby="shortcut-title" onClick={(e) => e.stopPropagation()}>
        <h2 id="shortcut-title">{M.shortcuts.title}</h2>
        <table className="table compact">
          <tbody>
            {M.shortcuts.list.map(([keys, what]) => (
              <tr key={keys}>
                <td>
                  <kbd>{keys}</kbd>
                </td>
                <td>{what}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="modal-actions">
          <button type="button" className="button primary" onClick={onClose} autoFocus>
            {M.common.close}
          </button>
        </div>
      </div>
    </div>
  );
}
