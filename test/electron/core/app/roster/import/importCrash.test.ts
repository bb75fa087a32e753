/**
 * An import killed mid-way: a child process (importChild.ts) opens the core on the same
 * data folder, starts importing a 40,000-row roster into a batch that already holds a
 * checked roster, and is SIGKILLed at its first progress report. Reopened, the database
 * holds exactly what it held before (rows, findings, batch, history, audit, outbox), and
 * the import record left running by the crash reads as interrupted.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { INTERRUPTED_IMPORT } from '../../../../../../electron/core/store';
import { writeShanghaiRoster } from '../../../../../support/shanghaiRosterFile';
import { createCore, type Core } from '../../../../../../electron/core/app/createCore';
import { rosterXlsx, SHANGHAI_HEADERS, shanghaiUnit } from '../../coreFixtures';

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = join(HERE, '..', '..', '..', '..');
const CHILD = join(HERE, 'importChild.ts');
const NOW = new Date('2020-04-20T02:00:00Z');
const BIG_ROWS = 40_000;

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** Every table the import writes or could write, in a stable order (imports aside: its record is what the crash leaves). */
function snapshot(file: string): Record<string, unknown[]> {
  const db = new Database(file);
  try {
    const all = (sql: string) => db.prepare(sql).all();
    return {
      persons: all('SELECT * FROM persons ORDER BY batch_id, seq'),
      person_findings: all('SELECT * FROM person_findings ORDER BY batch_id, seq, code'),
      batches: all('SELECT * FROM batches ORDER BY id'),
      batch_history: all('SELECT * FROM batch_history ORDER BY id'),
      audit_log: all('SELECT * FROM audit_log ORDER BY id'),
      outbox: all('SELECT * FROM outbox ORDER BY seq'),
    };
  } finally {
    db.close();
  }
}

function importStatus(file: string, jobId: string): string | undefined {
  const db = new Database(file);
  try {
    return (db.prepare('SELECT status FROM imports WHERE id = ?').get(jobId) as { status: string } | undefined)?.status;
  } finally {
    db.close();
  }
}

/** Runs the child until its first progress report, then SIGKILLs it; resolves with the job it started. */
function importKilledMidway(env: Record<string, string>): Promise<{ jobId: string; rowsRead: number; signal: NodeJS.Signals | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD], { cwd: REPO, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let progress: { jobId: string; rowsRead: number } | null = null;
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const match = /^progress (\d+) (\S+)$/m.exec(out);
      if (match && !progress) {
        progress = { rowsRead: Number(match[1]), jobId: match[2]! };
        child.kill('SIGKILL');
      }
    });
    child.once('exit', (_code, signal) => {
      if (!progress) return reject(new Error(`the child ended without reporting progress: ${err || out}`));
      if (out.includes('done')) return reject(new Error(`the import finished before the kill: ${out}`));
      resolve({ ...progress, signal });
    });
  });
}

describe('an import killed with SIGKILL half-way', () => {
  it('leaves the database exactly as it was, and the import reads as interrupted after reopening', { timeout: 120_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'huzhu-import-crash-'));
    dirs.push(dir);
    const dataDir = join(dir, 'data');
    let core: Core = await createCore({ dataDir, now: () => NOW, operator: '测试经办人' });
    const unit = await core.handlers['units.save']!({ unit: { ...shanghaiUnit, contacts: [], socialSecurityCodes: ['S100'] } });
    const batch = await core.handlers['batches.create']!({ unitId: unit.id, schemeId: 'shanghai-2020', enrollmentType: 'central' });
    await core.handlers['batches.update']!({ batchId: batch.id, selection: ['A0', 'B0', 'C0'].map((planCode) => ({ planCode, shares: 1 })) });
    const rows = [
      ['张一', '身份证', '310101198506151238', '', '', '13800000011', '是'],
      ['王二', '身份证', '310101199002281228', '', '', '', '是'],
      ['赵三', '身份证', '310101198801010016', '', '', '', '否'],
    ];
    const first = await core.handlers['roster.import']!({ batchId: batch.id, file: { name: '名单.xlsx', base64: await rosterXlsx(SHANGHAI_HEADERS, rows) }, mode: 'append' });
    expect(await core.imports.settled(first.jobId)).toMatchObject({ phase: 'done', accepted: 3 });
    const rowsBefore = await core.handlers['roster.rows']!({ batchId: batch.id, offset: 0, limit: 200 });
    const detailBefore = await core.handlers['batches.get']!({ batchId: batch.id });
    expect(detailBefore.state).toBe('checkPassed');
    const file = core.store.file;
    await core.close();
    const before = snapshot(file);

    const big = join(dir, '大名单.xlsx');
    await writeShanghaiRoster(big, BIG_ROWS);
    const killed = await importKilledMidway({ HUZHU_IMPORT_DATA: dataDir, HUZHU_IMPORT_BATCH: batch.id, HUZHU_IMPORT_FILE: big });
    expect(killed.signal).toBe('SIGKILL');
    expect(killed.rowsRead).toBeGreaterThan(0);
    expect(killed.rowsRead).toBeLessThan(BIG_ROWS);
    // The crash left the record running: the kill came before the import's one transaction.
    expect(importStatus(file, killed.jobId)).toBe('running');
    expect(snapshot(file)).toEqual(before);

    core = await createCore({ dataDir, now: () => NOW, operator: '测试经办人' });
    try {
      expect(snapshot(file)).toEqual(before);
      expect(await core.handlers['roster.rows']!({ batchId: batch.id, offset: 0, limit: 200 })).toEqual(rowsBefore);
      expect(await core.handlers['batches.get']!({ batchId: batch.id })).toEqual(detailBefore);

      const interrupted = { jobId: killed.jobId, phase: 'failed', accepted: 0, rejected: 0, error: INTERRUPTED_IMPORT };
      expect(await core.handlers['roster.importProgress']!({ jobId: killed.jobId })).toMatchObject(interrupted);
      const history = await core.handlers['roster.imports']!({ batchId: batch.id });
      expect(history.map((h) => [h.jobId, h.phase, h.error?.code ?? null])).toEqual([
        [killed.jobId, 'failed', 'importInterrupted'],
        [first.jobId, 'done', null],
      ]);
      expect(history[0]!.finishedAt).not.toBeNull();
      expect(history[0]!.error?.message).toContain('中断');
    } finally {
      await core.close();
    }
  });
});
