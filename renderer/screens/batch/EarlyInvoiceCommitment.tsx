/** 提前开票申请: the signed and stamped commitment (printed from 文书打印), uploaded with the invoice request. */
import { useState } from 'react';
import { M } from '../../i18n/messages';
import { kilobytes, readVoucher, type ChosenFile } from './voucherUpload';

export function EarlyInvoiceCommitment({ chosen, onChange, error }: { chosen: ChosenFile | null; onChange(file: ChosenFile | null): void; error?: string | undefined }) {
  const [problem, setProblem] = useState<string | null>(null);
  const choose = async (file: File | undefined) => {
    onChange(null);
    setProblem(null);
    if (!file) return;
    const read = await readVoucher(file, M.payment.readFailed);
    if (read.ok) onChange(read.file);
    else setProblem(read.message);
  };
  return (
    <fieldset className="early-invoice" data-testid="early-invoice">
      <legend>{M.earlyInvoice.title}</legend>
      <p className="muted small">{M.earlyInvoice.hint}</p>
      <label className={problem || error ? 'field invalid' : 'field'}>
        <span>{M.earlyInvoice.file}</span>
        <input className="input" type="file" name="earlyCommitment" accept=".jpg,.jpeg,.png,.gif,.bmp,.pdf,.doc,.docx" data-testid="early-commitment-file" onChange={(e) => void choose(e.target.files?.[0])} />
        {problem && <span className="bad small" data-testid="early-commitment-problem">{problem}</span>}
        {error && <span className="bad small">{error}</span>}
        {chosen && <span className="good small" data-testid="early-commitment-ok">{M.earlyInvoice.ok(chosen.name, kilobytes(chosen.bytes))}</span>}
      </label>
    </fieldset>
  );
}
