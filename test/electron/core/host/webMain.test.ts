/**
 * `npm run web` as a clerk starts it: the host process serves the API on 127.0.0.1 and the
 * core answers from a process of its own; SIGTERM closes both.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..', '..', '..');
const TOKEN = 'web-main-test-token-0123456789';
let host: ChildProcess | null = null;
let dir = '';

afterEach(() => {
  if (host && host.exitCode === null) host.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

function startWeb(): Promise<string> {
  dir = mkdtempSync(join(tmpdir(), 'huzhu-web-'));
  const renderer = join(dir, 'renderer');
  mkdirSync(renderer);
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>互助保障工作台</title>');
  host = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'electron', 'core', 'host', 'webMain.ts')], {
    cwd: ROOT,
    env: { ...process.env, HUZHU_DATA_DIR: join(dir, 'data'), HUZHU_RENDERER_DIR: renderer, HUZHU_TOKEN: TOKEN, HUZHU_PORT: '0', HUZHU_OPEN_BROWSER: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    host!.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const url = /请在浏览器中打开：(http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
      if (url) resolve(url);
    });
    host!.once('exit', (code) => reject(new Error(`网页版启动失败（${String(code)}）：${out}`)));
  });
}

const api = (url: string, op: string, body: unknown) =>
  fetch(`${url}/api/${op}`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('npm run web', () => {
  it('serves the API from the host while the core answers from its own process, and stops both on SIGTERM', async () => {
    const url = await startWeb();
    // Neither a passphrase nor a key file was given: the key file beside the data folder, the user's alone.
    expect(statSync(join(dir, 'data.key')).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'data')).mode & 0o777).toBe(0o700);
    const saved = await api(url, 'units.save', { unit: { name: '网页版单位', socialSecurityCodes: [], handler: { name: '赵经办', phone: '13800000003' } } });
    expect(saved.status).toBe(200);
    const listed = (await (await api(url, 'units.list', {})).json()) as { result: { name: string }[] };
    expect(listed.result.map((u) => u.name)).toEqual(['网页版单位']);
    expect((await api(url, 'units.get', { unitId: '../x' })).status).toBe(400);

    const stopped = new Promise<number | null>((resolve) => host!.once('exit', (code) => resolve(code)));
    host!.kill('SIGTERM');
    expect(await stopped).toBe(0);
  }, 60_000);
});
