/** Starts coreProcess.ts as a child process and hands back its address and a way to kill it. */
import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { REPO } from './rendererBuild';

export interface CoreChild {
  openUrl: string;
  process: ChildProcess;
  /** SIGKILL: the process gets no chance to close anything. */
  kill(): Promise<void>;
}

export function startCoreChild(options: { dataDir: string; now: string; staticRoot: string }): Promise<CoreChild> {
  const script = join(dirname(fileURLToPath(import.meta.url)), 'coreProcess.ts');
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: REPO,
    env: { ...process.env, HUZHU_E2E_DATA: options.dataDir, HUZHU_E2E_NOW: options.now, HUZHU_E2E_STATIC: options.staticRoot },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`core process did not start: ${err}`)), 60_000);
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (!line) return;
      clearTimeout(timer);
      const { openUrl } = JSON.parse(line) as { openUrl: string };
      resolve({
        openUrl,
        process: child,
        async kill() {
          child.kill('SIGKILL');
          await exited;
        },
      });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`core process exited (${code}): ${err}`));
    });
  });
}
