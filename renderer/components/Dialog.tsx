/** The one modal dialog: confirmations before anything destructive, and reasons to type. Enter confirms, Esc cancels. */
import { useEffect, useRef, useState } from 'react';
import { M } from '../i18n/messages';
import { useApp } from '../state/appStore';

export function Dialog() {
  const dialog = useApp((s) => s.dialog);
  const close = useApp((s) => s.closeDialog);
  const [text, setText] = useState('');
  const confirmButton = useRef<HTMLButtonElement>(null);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    setText('');
    if (!dialog) return;
    window.setTimeout(() => (dialog.input ? input.current?.focus() : confirmButton.current?.focus()), 0);
  }, [dialog]);

  if (!dialog) return null;
  const blocked = dialog.input !== undefined && text.trim() === '';
  const confirm = () => {
    if (!blocked) close({ confirmed: true, text: text.trim() });
  };
  return (
    <div
      className="modal-backdrop"
      onKeyDown={(e) => {
        if (e.key === 'Escape') { e.stopPropagation(); close({ confirmed: false, text: '' }); }
      }}
    >
      <div className="modal" role="dialog" aria-modal="true" aria-labelledby="dialog-title">
        <h2 id="dialog-title">{dialog.title}</h2>
        <div className="modal-body">{dialog.body}</div>
        {dialog.input && (
          <label className="field">
            <span>{dialog.input.label}</span>
            <input
              ref={input}
              className="input"
              value={text}
              placeholder={dialog.input.placeholder}
              onChange={(e) => setText(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') { e.preventDefault(); confirm(); }
              }}
            />
          </label>
        )}
        <div className="modal-actions">
          <button type="button" className="button" onClick={() => close({ confirmed: false, text: '' })}>
            {dialog.cancelLabel ?? M.common.cancel}
          </button>
          <button ref={confirmButton} type="button" className={dialog.danger ? 'button danger' : 'button primary'} disabled={blocked} onClick={confirm}>
            {dialog.confirmLabel}
          </button>
        </div>
      </div>
    </div>
  );
}
