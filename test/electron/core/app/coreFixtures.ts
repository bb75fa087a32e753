/** A core on a real SQLite file in a temp folder, with a fixed clock, and roster files made with exceljs. */
import ExcelJS from 'exceljs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ApiError, In, OpName, Out } from '../../../../shared/api';
import { createCore, type Core } from '../../../../electron/core/app/createCore';

export interface TestCore {
  core: Core;
  dir: string;
  /** Calls through the dispatcher (validation included) and throws the ApiError on refusal. */
  call<K extends OpName>(op: K, input: In<K>): Promise<Out<K>>;
  /** The refusal of a call that must fail. */
  refusal(op: OpName, input: unknown): Promise<{ status: number; error: ApiError }>;
  setNow(iso: string): void;
  close(): Promise<void>;
}

/** Calls an operation through the core's dispatcher (validation included) and throws the ApiError on refusal. */
export async function callCore<K extends OpName>(core: Core, op: K, input: In<K>): Promise<Out<K>> {
  const r = await core.dispatcher.dispatch(op, input);
  if (!r.ok) throw Object.assign(new Error(`${op}: ${r.error.message}`), r.error);
  return r.value as Out<K>;
}

export async function startTestCore(nowIso: string, options: { backgroundThread?: boolean } = {}): Promise<TestCore> {
  const dir = mkdtempSync(join(tmpdir(), 'huzhu-core-'));
  let now = new Date(nowIso);
  const core = await createCore({ dataDir: dir, now: () => now, operator: '测试经办人', ...options });
  return {
    core,
    dir,
    call: (op, input) => callCore(core, op, input),
    async refusal(op, input) {
      const r = await core.dispatcher.dispatch(op, input);
      if (r.ok) throw new Error(`${op} should have been refused`);
      return { status: r.status, error: r.error as ApiError };
    },
    setNow(iso) {
      now = new Date(iso);
    },
    async close() {
      await core.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** An xlsx with a header row and the given rows, as a clerk's own roster. */
export async function rosterXlsx(headers: string[], rows: (string | number)[][], options: { titleRows?: string[] } = {}): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('名单');
  for (const t of options.titleRows ?? []) ws.addRow([t]);
  ws.addRow(headers);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

export const SHANGHAI_HEADERS = ['姓名', '证件类型', '证件号码', '出生日期', '性别', '手机号码', '是否有社保'];

export const shanghaiUnit = {
  name: '上海示例科技有限公司',
  uscc: '91310000MA1FL4XQ3B',
  socialSecurityCodes: ['S100'],
  handler: { name: '李经办', phone: '13800000001' },
};

/**
 * Runs the core's sync engine (everything due now, the feed pulled) until `ok` holds: each
 * round is one whole engine run, awaited, so nothing waits on a timer.
 */
export async function syncUntil<T>(core: Core, what: string, read: () => Promise<T>, ok: (v: T) => boolean, rounds = 20): Promise<T> {
  for (let i = 0; i < rounds; i++) {
    const v = await read();
    if (ok(v)) return v;
    core.sync.retryNow();
    await core.sync.whenIdle();
    await core.sync.runOnce();
  }
  throw new Error(`never reached: ${what}`);
}
