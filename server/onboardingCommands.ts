/** The staff's onboarding commands for the admin command line (adminCommands.ts runs them). */
import { ROUTES, type AdminApplicationView } from '../shared/wire';
import type { ParsedArgs } from './cliArgs';

export const ONBOARDING_HELP = `  applications [--state pending|approved|rejected] [--kind insuranceCode|unitProfile]   单位申请列表（申请参保编码、单位信息完善）
  application <申请编号>                   申请详情
  approve-application <申请编号> [--code 参保编码] [--staff 姓名]   审核通过（参保编码不指定则自动编号）
  reject-application <申请编号> <原因> [--staff 姓名]   审核不通过`;

export interface OnboardingCommandIo {
  call(route: string, params?: Record<string, string>, body?: unknown, query?: Record<string, string>): Promise<unknown>;
  show(data: unknown, human: () => void): void;
  out(line: string): void;
  fail(message: string): never;
}

function line(a: AdminApplicationView): string {
  const kind = a.kind === 'insuranceCode' ? '申请参保编码' : '单位信息完善';
  const extra = [a.insuranceCode ? `参保编码 ${a.insuranceCode}` : '', a.reason ? `原因：${a.reason}` : ''].filter(Boolean).join('  ');
  return `${a.applicationId}  ${a.unitName}  ${kind}  ${a.stateLabel}  第 ${a.round} 次提交  ${a.submittedAt}${extra ? `  ${extra}` : ''}`;
}

function staffOf(args: ParsedArgs): { staff?: string } {
  const s = args.options.get('staff');
  return typeof s === 'string' ? { staff: s } : {};
}

/** Runs the command if it is an onboarding one; false when it is not. */
export async function runOnboardingCommand(command: string, args: ParsedArgs, io: OnboardingCommandIo): Promise<boolean> {
  const id = () => args.positional[1] ?? io.fail('缺少申请编号');
  const showOne = (data: unknown) => io.show(data, () => io.out(line(data as AdminApplicationView)));
  switch (command) {
    case 'applications': {
      const query: Record<string, string> = {};
      for (const name of ['state', 'kind']) {
        const v = args.options.get(name);
        if (typeof v === 'string') query[name] = v;
      }
      const data = (await io.call(ROUTES.adminApplications, {}, undefined, query)) as { applications: AdminApplicationView[] };
      io.show(data, () => (data.applications.length === 0 ? io.out('没有申请') : data.applications.forEach((a) => io.out(line(a)))));
      return true;
    }
    case 'application': {
      const a = (await io.call(ROUTES.adminApplication, { applicationId: id() })) as AdminApplicationView;
      io.show(a, () => {
        io.out(line(a));
        for (const [key, value] of Object.entries(a.form)) io.out(`  ${key}: ${typeof value === 'object' ? JSON.stringify(value) : String(value)}`);
        a.attachments.forEach((f, i) => io.out(`  附件 ${i}：${f.name}  ${f.type}  ${f.bytes} 字节`));
        if (a.commitment) io.out(`  ${a.commitment.title}：${a.commitment.readStartedAt} 开始阅读，${a.commitment.acceptedAt} 确认`);
      });
      return true;
    }
    case 'approve-application': {
      const code = args.options.get('code');
      showOne(await io.call(ROUTES.adminApproveApplication, { applicationId: id() }, { ...staffOf(args), ...(typeof code === 'string' ? { insuranceCode: code } : {}) }));
      return true;
    }
    case 'reject-application': {
      const applicationId = id();
      const reason = args.positional.slice(2).join(' ');
      if (!reason) io.fail('缺少审核不通过的原因');
      showOne(await io.call(ROUTES.adminRejectApplication, { applicationId }, { ...staffOf(args), reason }));
      return true;
    }
    default:
      return false;
  }
}
