/**
 * The staff's command line, talking to the admin API over HTTP:
 *   npm run server:admin -- <command> [arguments] [--url http://127.0.0.1:8787] [--token …] [--json]
 * The URL and token also come from HUZHU_SERVER_URL and HUZHU_ADMIN_TOKEN.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseYuan, formatYuan } from '../shared/domain/money';
import { checkInvoiceDocument } from '../shared/domain/payment';
import { ROUTES, routePath, splitRoute, type AdminBatchView, type AdminWork, type WireError } from '../shared/wire';
import { optionText, parseArgs, type ParsedArgs } from './cliArgs';
import { ONBOARDING_HELP, runOnboardingCommand } from './onboardingCommands';

export interface CliIo {
  env: Record<string, string | undefined>;
  out: (line: string) => void;
  err: (line: string) => void;
  fetch?: typeof fetch;
}

export const ADMIN_HELP = `用法：npm run server:admin -- <命令> [参数] [--url 地址] [--token 管理令牌] [--json]
命令：
  work                                   待办事项（待审核、待确认缴费、待开票、待设置生效日期）
  units                                  单位列表
  batches [--state 状态] [--unit 单位编号]  批次列表
  batch <批次号>                          批次详情
  approve <批次号> [--staff 姓名]          审核通过
  reject <批次号> <证件号码>=<原因> …       审核不通过（退回人员并说明原因）
  reject-proof <批次号> <原因>             退回缴费凭证
  confirm-payment <批次号> [--amount 元] [--on 日期]   确认缴费
  issue-invoices <批次号> [<发票编号>=<发票号码> …] [--on 日期] [--document 电子发票文件]
                                         开具发票（不指定则自动编号；--document 附 PDF、OFD 或图片，须只指定 1 张发票）
  set-effect <批次号> [--date 生效日期] [--policy 保单号]   设置生效日期和保单号
  take-effect <批次号>                    设为已生效
  publish-scheme <方案文件.json>           发布方案新版本
${ONBOARDING_HELP}`;

class CliError extends Error {}

function batchLine(b: AdminBatchView): string {
  const people = b.counts.enrolled + b.counts.headCountOnly;
  const extra = [b.policyNumber ? `保单号 ${b.policyNumber}` : '', b.cover ? `保障期 ${b.cover.start} 至 ${b.cover.end}` : ''].filter(Boolean).join(' ');
  return `${b.serverBatchId}  ${b.unitName}  ${b.title}  ${b.stateLabel}  参保 ${people} 人${b.counts.rejected ? `（退回 ${b.counts.rejected} 人）` : ''}  应缴 ${formatYuan(b.payableFen)} 元${extra ? `  ${extra}` : ''}`;
}

function need(args: ParsedArgs, index: number, what: string): string {
  const v = args.positional[index];
  if (v === undefined) throw new CliError(`缺少${what}`);
  return v;
}

function staffOf(args: ParsedArgs): { staff?: string } {
  const s = args.options.get('staff');
  return typeof s === 'string' ? { staff: s } : {};
}

/** Read and checked here, so a wrong file is named before anything is sent. */
function invoiceDocumentFile(path: string): { name: string; base64: string } {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch {
    throw new CliError(`无法读取电子发票文件：${path}`);
  }
  const checked = checkInvoiceDocument(bytes);
  if (!checked.ok) throw new CliError(`${path}：${checked.message}`);
  return { name: basename(path), base64: bytes.toString('base64') };
}

function pairs(list: readonly string[], what: string): [string, string][] {
  return list.map((p) => {
    const eq = p.indexOf('=');
    if (eq <= 0 || eq === p.length - 1) throw new CliError(`${what}须写作 键=值：${p}`);
    return [p.slice(0, eq), p.slice(eq + 1)];
  });
}

/** Runs one command; resolves to the process exit code. */
export async function runAdminCli(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv);
  const command = args.positional[0];
  if (!command || command === 'help' || args.options.has('help')) {
    io.out(ADMIN_HELP);
    return command ? 0 : 1;
  }
  const base = (optionText(args, 'url', io.env.HUZHU_SERVER_URL) ?? 'http://127.0.0.1:8787').replace(/\/+$/, '');
  const token = optionText(args, 'token', io.env.HUZHU_ADMIN_TOKEN);
  const asJson = args.options.has('json');
  const doFetch = io.fetch ?? fetch;

  const call = async (route: string, params: Record<string, string> = {}, body?: unknown, query?: Record<string, string>): Promise<unknown> => {
    if (!token) throw new CliError('缺少管理令牌：请用 --token 或环境变量 HUZHU_ADMIN_TOKEN 提供');
    const { method } = splitRoute(route);
    const qs = query && Object.keys(query).length > 0 ? `?${new URLSearchParams(query).toString()}` : '';
    let res: Response;
    try {
      res = await doFetch(`${base}${routePath(route, params)}${qs}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
    } catch (error) {
      throw new CliError(`无法连接服务器 ${base}：${error instanceof Error ? error.message : String(error)}`);
    }
    const text = await res.text();
    const data: unknown = text ? JSON.parse(text) : null;
    if (!res.ok) {
      const e = data as WireError;
      throw new CliError(`服务器拒绝（${res.status} ${e?.code ?? ''}）：${e?.message ?? text}`);
    }
    return data;
  };

  const show = (data: unknown, human: () => void) => (asJson ? io.out(JSON.stringify(data, null, 2)) : human());
  const showBatch = (data: unknown) => show(data, () => io.out(batchLine(data as AdminBatchView)));

  try {
    switch (command) {
      case 'work': {
        const work = (await call(ROUTES.adminWork)) as AdminWork;
        show(work, () => {
          if (work.items.length === 0) io.out('没有待办事项');
          for (const i of work.items) io.out(`${i.serverBatchId}  ${i.unitName}  ${i.title}  ${i.stateLabel}  ${i.persons} 人  应缴 ${formatYuan(i.payableFen)} 元  → ${i.todo}`);
        });
        break;
      }
      case 'units': {
        const data = (await call(ROUTES.adminUnits)) as { units: { unitId: string; name: string; loginPhone: string; handlerName: string; batches: number }[] };
        show(data, () => data.units.forEach((u) => io.out(`${u.unitId}  ${u.name}  ${u.handlerName} ${u.loginPhone}  批次 ${u.batches} 个`)));
        break;
      }
      case 'batches': {
        const query: Record<string, string> = {};
        const state = args.options.get('state');
        const unit = args.options.get('unit');
        if (typeof state === 'string') query.state = state;
        if (typeof unit === 'string') query.unitId = unit;
        const data = (await call(ROUTES.adminBatches, {}, undefined, query)) as { batches: AdminBatchView[] };
        show(data, () => (data.batches.length === 0 ? io.out('没有批次') : data.batches.forEach((b) => io.out(batchLine(b)))));
        break;
      }
      case 'batch': {
        const b = (await call(ROUTES.adminBatch, { batchId: need(args, 1, '批次号') })) as AdminBatchView;
        show(b, () => {
          io.out(batchLine(b));
          for (const p of b.rejectedPersons) io.out(`  退回：${p.name}  ${p.reasons.map((r) => r.message).join('；')}`);
          for (const i of b.invoices) io.out(`  发票：${i.invoiceId}  ${i.title}  ${formatYuan(i.amountFen)} 元  ${i.invoiceNumber ?? '待开具'}`);
          for (const h of b.history) io.out(`  ${h.at}  ${h.from} → ${h.to}  ${h.event}${h.actor.name ? `  ${h.actor.name}` : ''}${h.reason ? `  ${h.reason}` : ''}`);
        });
        break;
      }
      case 'approve':
        showBatch(await call(ROUTES.adminApprove, { batchId: need(args, 1, '批次号') }, staffOf(args)));
        break;
      case 'reject': {
        const batchId = need(args, 1, '批次号');
        const persons = pairs(args.positional.slice(2), '退回人员').map(([docNumber, reason]) => ({ docNumber, reason }));
        if (persons.length === 0) throw new CliError('请写出要退回的人员：<证件号码>=<原因>');
        showBatch(await call(ROUTES.adminRejectPersons, { batchId }, { ...staffOf(args), persons }));
        break;
      }
      case 'reject-proof': {
        const batchId = need(args, 1, '批次号');
        const reason = args.positional.slice(2).join(' ');
        if (!reason) throw new CliError('缺少退回原因');
        showBatch(await call(ROUTES.adminRejectPaymentProof, { batchId }, { ...staffOf(args), reason }));
        break;
      }
      case 'confirm-payment': {
        const body: Record<string, unknown> = { ...staffOf(args) };
        const amount = args.options.get('amount');
        if (typeof amount === 'string') {
          const fen = parseYuan(amount);
          if (fen === null) throw new CliError(`金额不正确：${amount}`);
          body.amountFen = fen;
        }
        const on = args.options.get('on');
        if (typeof on === 'string') body.confirmedOn = on;
        showBatch(await call(ROUTES.adminConfirmPayment, { batchId: need(args, 1, '批次号') }, body));
        break;
      }
      case 'issue-invoices': {
        const batchId = need(args, 1, '批次号');
        const body: Record<string, unknown> = { ...staffOf(args) };
        const given: { invoiceId: string; invoiceNumber: string; document?: { name: string; base64: string } }[] = pairs(args.positional.slice(2), '发票').map(
          ([invoiceId, invoiceNumber]) => ({ invoiceId, invoiceNumber }),
        );
        const document = args.options.get('document');
        if (document !== undefined) {
          if (typeof document !== 'string') throw new CliError('--document 后须写电子发票文件的路径');
          if (given.length !== 1) throw new CliError('附电子发票文件时须指定恰好 1 张发票：<发票编号>=<发票号码>');
          given[0] = { ...given[0]!, document: invoiceDocumentFile(document) };
        }
        if (given.length > 0) body.invoices = given;
        const on = args.options.get('on');
        if (typeof on === 'string') body.issuedOn = on;
        showBatch(await call(ROUTES.adminIssueInvoices, { batchId }, body));
        break;
      }
      case 'set-effect': {
        const body: Record<string, unknown> = { ...staffOf(args) };
        const date = args.options.get('date');
        const policy = args.options.get('policy');
        if (typeof date === 'string') body.effectiveDate = date;
        if (typeof policy === 'string') body.policyNumber = policy;
        showBatch(await call(ROUTES.adminSetEffect, { batchId: need(args, 1, '批次号') }, body));
        break;
      }
      case 'take-effect':
        showBatch(await call(ROUTES.adminTakeEffect, { batchId: need(args, 1, '批次号') }, staffOf(args)));
        break;
      case 'publish-scheme': {
        const file = need(args, 1, '方案文件');
        let scheme: unknown;
        try {
          scheme = JSON.parse(readFileSync(file, 'utf8'));
        } catch (error) {
          throw new CliError(`读不了方案文件 ${file}：${error instanceof Error ? error.message : String(error)}`);
        }
        const data = (await call(ROUTES.adminPublishScheme, {}, { scheme })) as { schemeId: string; version: number };
        show(data, () => io.out(`已发布 ${data.schemeId} 第 ${data.version} 版`));
        break;
      }
      default:
        if (await runOnboardingCommand(command, args, { call, show, out: io.out, fail: (message) => { throw new CliError(message); } })) break;
        io.err(`没有这个命令：${command}`);
        io.out(ADMIN_HELP);
        return 1;
    }
    return 0;
  } catch (error) {
    if (error instanceof CliError) {
      io.err(error.message);
      return 1;
    }
    throw error;
  }
}
