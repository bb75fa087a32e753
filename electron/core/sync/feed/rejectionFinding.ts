/** A person the association refused (审核不通过), as the roster row's finding: every reason in one message. */
import type { Finding } from '../../../../shared/api';
import type { WireReason } from '../../../../shared/wire';

export function rejectionFinding(reasons: readonly WireReason[]): Finding {
  const rejection: Finding = {
    code: reasons[0]?.code ?? 'rejectedByAssociation',
    severity: 'error',
    message: reasons.length > 0 ? reasons.map((r) => r.message).join('；') : '互助会审核不通过',
  };
  const hint = reasons.find((r) => r.hint)?.hint;
  if (hint) rejection.hint = hint;
  return rejection;
}
