/** Pieces the onboarding steps share: the status line (sending, then review) and the file picker that reads files as base64. */
import { useState } from 'react';
import type { ApiError, OnboardingStatus } from '../../../shared/api';
import { allowedTypesText } from '../../../shared/domain/onboarding';
import type { VoucherType } from '../../../shared/domain/payment';
import { Callout } from '../../components/Callout';
import { M } from '../../i18n/messages';
import { readFileAsBase64 } from '../../util/files';

const TONE: Record<OnboardingStatus | 'done', string> = {
  queued: 'neutral',
  sending: 'info',
  sendFailed: 'bad',
  pending: 'info',
  approved: 'good',
  rejected: 'bad',
  done: 'good',
};

export function StatusLine({ status, reason, sendError, testId }: { status: OnboardingStatus | 'done'; reason?: string | undefined; sendError?: ApiError | undefined; testId: string }) {
  return (
    <div className="onboarding-status">
      <span className={`badge ${TONE[status]}`} data-testid={testId} data-status={status}>
        {M.onboarding.status[status]}
      </span>{' '}
      <span className="muted small">{M.onboarding.statusHint[status]}</span>
      {reason && <Callout tone="error">{M.onboarding.reason(reason)}</Callout>}
      {sendError && status === 'sendFailed' && <Callout tone="error">{M.onboarding.sendError(sendError.message)}</Callout>}
      {sendError && status === 'queued' && <Callout tone="warn">{M.onboarding.retrying(sendError.message)}</Callout>}
    </div>
  );
}

const EXTENSIONS: Record<VoucherType, string> = { jpeg: '.jpg,.jpeg', png: '.png', gif: '.gif', bmp: '.bmp', pdf: '.pdf', doc: '.doc', docx: '.docx' };

export interface PickedFile {
  name: string;
  base64: string;
}

/** Chooses files and reads them; the type and size are judged by the core from the content. */
export function FilePicker({ types, label, testId, onPicked }: { types: readonly VoucherType[]; label: string; testId: string; onPicked(files: PickedFile[]): void }) {
  const [count, setCount] = useState(0);
  return (
    <label className="field">
      <span>
        {label}
        <em className="required">*</em>
      </span>
      <input
        type="file"
        multiple
        accept={types.map((t) => EXTENSIONS[t]).join(',')}
        data-testid={testId}
        onChange={async (e) => {
          const chosen = Array.from(e.target.files ?? []);
          const files = await Promise.all(chosen.map(async (f) => ({ name: f.name, base64: await readFileAsBase64(f) })));
          setCount(files.length);
          onPicked(files);
        }}
      />
      <span className="muted small">
        {M.onboarding.files.types(allowedTypesText(types))}
        {count > 0 && ` · ${M.onboarding.attachmentsChosen(count)}`}
      </span>
    </label>
  );
}

/** A form field bound to one key of a string record. */
export function TextField({ name, label, required, value, onChange, mono, placeholder }: { name: string; label: string; required?: boolean; value: string; onChange(v: string): void; mono?: boolean; placeholder?: string }) {
  return (
    <label className="field">
      <span>
        {label}
        {required && <em className="required">*</em>}
      </span>
      <input className={mono ? 'input mono' : 'input'} name={name} value={value} placeholder={placeholder} onChange={(e) => onChange(e.target.value)} />
    </label>
  );
}
