/**
 * Attachments of onboarding steps (营业执照, 社保缴费通知书, 工会法人证书 …): recognised by
 * their content with the payment vouchers' own check, then held to the types the scheme
 * allows for that step.
 */
import { checkVoucherFile, type VoucherType } from '../payment/voucherFiles';

/** 5 MB per file, as for the payment voucher: a scanned page or a phone photo. */
export const MAX_ONBOARDING_FILE_BYTES = 5 * 1024 * 1024;

const TYPE_NAMES: Readonly<Record<VoucherType, string>> = { jpeg: 'JPG', png: 'PNG', gif: 'GIF', bmp: 'BMP', pdf: 'PDF', doc: 'Word（doc）', docx: 'Word（docx）' };

export type OnboardingFileProblem = { code: 'fileEmpty' | 'fileTooLarge' | 'fileType' | 'tooFewFiles' | 'tooManyFiles'; message: string };

export function allowedTypesText(types: readonly VoucherType[]): string {
  return types.map((t) => TYPE_NAMES[t]).join('、');
}

export function checkOnboardingFile(
  bytes: Uint8Array,
  allowed: readonly VoucherType[],
  maxBytes = MAX_ONBOARDING_FILE_BYTES,
): { ok: true; type: VoucherType } | { ok: false; problem: { code: 'fileEmpty' | 'fileTooLarge' | 'fileType'; message: string } } {
  const checked = checkVoucherFile(bytes, maxBytes);
  if (!checked.ok) {
    const code = checked.problem.code === 'voucherEmpty' ? 'fileEmpty' : checked.problem.code === 'voucherTooLarge' ? 'fileTooLarge' : 'fileType';
    const message = code === 'fileType' ? `只能上传 ${allowedTypesText(allowed)} 文件；该文件的内容不是其中任何一种` : checked.problem.message;
    return { ok: false, problem: { code, message } };
  }
  if (!allowed.includes(checked.type)) {
    return { ok: false, problem: { code: 'fileType', message: `只能上传 ${allowedTypesText(allowed)} 文件；该文件是 ${TYPE_NAMES[checked.type]}` } };
  }
  return { ok: true, type: checked.type };
}

/** Which of several files fails, named by its position and name, or null when all pass. */
export function checkOnboardingFiles(
  files: readonly { name: string; bytes: Uint8Array }[],
  allowed: readonly VoucherType[],
  limits: { min: number; max: number },
): { index: number | null; problem: OnboardingFileProblem } | null {
  if (files.length < limits.min) return { index: null, problem: { code: 'tooFewFiles', message: `请至少上传 ${limits.min} 个文件` } };
  if (files.length > limits.max) return { index: null, problem: { code: 'tooManyFiles', message: `至多上传 ${limits.max} 个文件` } };
  for (const [index, file] of files.entries()) {
    const checked = checkOnboardingFile(file.bytes, allowed);
    if (!checked.ok) return { index, problem: { code: checked.problem.code, message: `第 ${index + 1} 个文件（${file.name}）：${checked.problem.message}` } };
  }
  return null;
}
