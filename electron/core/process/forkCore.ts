/**
 * The browser host's way to start the core's process: Node's `child_process.fork` on the
 * built entry beside this module (a bundle), else on the TypeScript source through tsx.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { CoreStartOptions } from './coreProtocol';
import { CoreConnection } from './coreConnection';

export interface ForkedCore {
  connection: CoreConnection;
  child: ChildProcess;
}

/** tsx's loader as a file URL, so the child finds it whatever its working folder. */
function tsxLoader(): string {
  const manifest = createRequire(import.meta.url).resolve('tsx/package.json');
  return pathToFileURL(join(dirname(manifest), 'dist', 'loader.mjs')).href;
}

function entry(): { file: string; execArgv: string[] } {
  const built = fileURLToPath(new URL('./coreProcess.mjs', import.meta.url));
  if (existsSync(built)) return { file: built, execArgv: [] };
  return { file: fileURLToPath(new URL('./coreProcessMain.ts', import.meta.url)), execArgv: ['--import', tsxLoader()] };
}

/** `entryFile`: a bundled core entry elsewhere (the benchmarks bundle their own). */
export function forkCore(options: CoreStartOptions, entryFile?: string): ForkedCore {
  const { file, execArgv } = entryFile ? { file: entryFile, execArgv: [] } : entry();
  // The structured clone keeps byte arrays byte arrays; stdout and stderr stay the host's.
  const child = fork(file, [], { execArgv, serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const connection = new CoreConnection(
    {
      post: (message) => {
        if (child.connected) child.send(message as never);
      },
      onMessage(listener) {
        child.on('message', listener);
        return () => child.off('message', listener);
      },
    },
    options,
  );
  child.on('exit', (code) => connection.exitedWith(code));
  return { connection, child };
}
