/**
 * The core's own process: started by the Electron shell (`utilityProcess.fork`) or by the
 * browser host (`child_process.fork`), the same entry for both, so a long import or check
 * never holds up the process that serves the window.
 */
import type { MessageEndpoint } from './coreProtocol';
import { serveCore } from './coreService';

interface ElectronParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (e: { data: unknown }) => void): void;
  off(event: 'message', listener: (e: { data: unknown }) => void): void;
}

/** Electron's utility process has `process.parentPort`; a Node child has `process.send`. */
function parentEndpoint(): MessageEndpoint {
  const electronPort = (process as NodeJS.Process & { parentPort?: ElectronParentPort }).parentPort;
  if (electronPort) {
    return {
      post: (message) => electronPort.postMessage(message),
      onMessage(listener) {
        const forward = (e: { data: unknown }) => listener(e.data);
        electronPort.on('message', forward);
        return () => electronPort.off('message', forward);
      },
    };
  }
  if (process.send) {
    return {
      post: (message) => process.send?.(message),
      onMessage(listener) {
        process.on('message', listener);
        return () => process.off('message', listener);
      },
    };
  }
  throw new Error('核心进程须由应用启动（没有与父进程通信的通道）');
}

// Whatever the core writes (the store, its WAL and SHM, the tokens) is the user's alone, even a file a later change forgets to create 0600.
process.umask(0o077);
const served = serveCore(parentEndpoint(), (code) => process.exit(code));
// The parent went away without a word (killed): the store is closed cleanly all the same.
process.on('disconnect', () => void served.close());
