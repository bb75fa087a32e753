/**
 * The core in a process of its own, as the browser host and the Electron shell run it: the
 * real entry forked with Node, calls answered over the channel, events pushed, its death
 * answered instead of hanging, and a clean close.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DispatchResult } from '../../../../electron/core/host/httpHost';
import { forkCore, type ForkedCore } from '../../../../electron/core/process/forkCore';
import { DataKey } from '../../../../electron/core/store/dataKey';

/** The key the host keeps for this machine: the same for every start of the core. */
const DATA_KEY = DataKey.generate().toBase64();

let dir = '';
let forked: ForkedCore | null = null;

afterEach(async () => {
  if (forked && forked.child.exitCode === null && forked.child.signalCode === null) await forked.connection.close();
  forked = null;
  rmSync(dir, { recursive: true, force: true });
});

function start(sameFolder = false): ForkedCore {
  if (!sameFolder) dir = mkdtempSync(join(tmpdir(), 'huzhu-core-process-'));
  forked = forkCore({ dataDir: dir, dataKey: DATA_KEY, backgroundThread: true, clockStart: '2020-04-15T10:00:00+08:00', operator: '进程测试经办人' });
  return forked;
}

const exited = (f: ForkedCore) => new Promise<number | null>((resolve) => f.child.once('exit', (code) => resolve(code)));

describe('the core in its own process', () => {
  it('answers operations and pushes its events to the process that serves the window', async () => {
    const { connection, child } = start();
    await connection.ready;
    expect(child.pid).not.toBe(process.pid);
    const events: { type: string }[] = [];
    connection.subscribe((e) => events.push(e));

    const saved = (await connection.dispatch('units.save', { unit: { name: '进程测试单位', socialSecurityCodes: [], handler: { name: '李经办', phone: '13800000001' } } })) as Extract<DispatchResult, { ok: true }>;
    expect(saved.ok).toBe(true);
    const unitId = (saved.value as { id: string }).id;
    const listed = await connection.dispatch('units.list', {});
    expect(listed).toMatchObject({ ok: true, value: [{ id: unitId, name: '进程测试单位' }] });

    const batch = await connection.dispatch('batches.create', { unitId, schemeId: 'shanghai-2020', enrollmentType: 'central' });
    expect(batch).toMatchObject({ ok: true, value: { state: 'draft' } });
    // The core's clock and operator are the ones it was started with, not the host's.
    const history = await connection.dispatch('batches.transition', { batchId: (batch as { value: { id: string } }).value.id, event: 'delete' });
    expect(history).toMatchObject({ ok: true, value: { state: 'deleted', history: [{ event: 'delete', actor: { kind: 'clerk', name: '进程测试经办人' } }] } });
    expect((history as { value: { history: { at: string }[] } }).value.history[0]!.at.startsWith('2020-04-15')).toBe(true);
    await expect.poll(() => events.some((e) => e.type === 'batch.changed' && (e as { state?: string }).state === 'deleted')).toBe(true);
  });

  it('validates in the core: a bad input is refused there, in words', async () => {
    const { connection } = start();
    await connection.ready;
    expect(await connection.dispatch('units.get', { unitId: '../etc/passwd' })).toMatchObject({ ok: false, status: 400, error: { code: 'INVALID_INPUT', field: 'unitId' } });
    expect(await connection.dispatch('units.drop', {})).toMatchObject({ ok: false, status: 404, error: { code: 'UNKNOWN_OPERATION' } });
  });

  it('answers every call once its process died, instead of leaving the window waiting', async () => {
    const f = start();
    await f.connection.ready;
    const gone = exited(f);
    f.child.kill('SIGKILL');
    await gone;
    expect(await f.connection.dispatch('units.list', {})).toEqual({ ok: false, status: 503, error: { code: 'CORE_EXITED', message: '应用核心已停止，请重新启动应用；已保存的工作不会丢失' } });
  });

  it('closes its store and ends when asked', async () => {
    const f = start();
    await f.connection.ready;
    await f.connection.dispatch('units.save', { unit: { name: '关闭前保存的单位', socialSecurityCodes: [], handler: { name: '王经办', phone: '13800000002' } } });
    const gone = exited(f);
    await f.connection.close();
    expect(await gone).toBe(0);

    // What it saved is there for the next start.
    const again = start(true);
    await again.connection.ready;
    expect(await again.connection.dispatch('units.list', {})).toMatchObject({ ok: true, value: [{ name: '关闭前保存的单位' }] });
  });
});
