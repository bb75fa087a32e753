/**
 * The Electron shell: one window, the security checklist, IPC relayed to the core's own
 * process (utilityProcess), printing, and the key that protects the tokens kept with the
 * OS's protection. Everything the app does lives in electron/core, which runs under plain
 * Node too.
 */
import { app, BrowserWindow, ipcMain, Menu, Notification, safeStorage, session, shell, utilityProcess, type IpcMainInvokeEvent } from 'electron';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { associationNotice, NOTICE_TITLE } from '../shared/api/associationNotice';
import { IPC_CALL, IPC_EVENT, IPC_PRINT } from '../shared/api/bridge';
import { isApiEvent } from '../shared/api/events';
import { CoreConnection } from './core/process/coreConnection';
import { loadWindowState, saveWindowState } from './core/host/windowState';
import { CONTENT_SECURITY_POLICY } from './core/host/staticFiles';
import { resolveDataDir } from './core/store';

const here = dirname(fileURLToPath(import.meta.url));
const rendererIndex = join(here, '..', 'renderer', 'index.html');
const rendererUrl = pathToFileURL(rendererIndex).href;

let core: CoreConnection | null = null;
let window: BrowserWindow | null = null;

/** Only our own window's main frame may call the core. */
function fromOurWindow(event: IpcMainInvokeEvent): boolean {
  return window !== null && event.sender === window.webContents && event.senderFrame?.url.startsWith(rendererUrl.replace(/index\.html$/, '')) === true;
}

function createWindow(stateFile: string): BrowserWindow {
  const saved = loadWindowState(stateFile);
  const win = new BrowserWindow({
    width: saved?.width ?? 1360,
    height: saved?.height ?? 860,
    ...(saved ? { x: saved.x, y: saved.y } : {}),
    title: '互助保障工作台',
    webPreferences: {
      preload: join(here, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  win.webContents.on('will-navigate', (e) => e.preventDefault());
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  if (saved?.maximized) win.maximize();
  win.on('close', () => saveWindowState(stateFile, { ...win.getNormalBounds(), maximized: win.isMaximized() }));
  void win.loadFile(rendererIndex);
  return win;
}

async function printPdf(base64: string): Promise<{ ok: boolean; reason?: string }> {
  // Chromium's PDF viewer prints what it shows; a hidden window keeps the clerk's page as it is.
  const dir = mkdtempSync(join(tmpdir(), 'huzhu-print-'));
  const file = join(dir, 'document.pdf');
  writeFileSync(file, Buffer.from(base64, 'base64'));
  const printer = new BrowserWindow({ show: false, webPreferences: { sandbox: true, contextIsolation: true } });
  try {
    await printer.loadFile(file);
    return await new Promise((resolve) =>
      printer.webContents.print({ silent: false, printBackground: true }, (ok, reason) => resolve(ok ? { ok } : { ok, reason })),
    );
  } finally {
    printer.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The key for the tokens on disk, itself kept with safeStorage; none when the OS offers no
 * real protection (Linux without a keyring falls back to 'basic_text'): tokens then stay in memory.
 */
function tokenKey(file: string): string | undefined {
  if (!safeStorage.isEncryptionAvailable()) return undefined;
  if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') return undefined;
  if (existsSync(file)) {
    try {
      return safeStorage.decryptString(readFileSync(file));
    } catch {
      // Another OS user's or machine's key: a new one, and the clerk logs in again.
    }
  }
  const key = randomBytes(32).toString('base64');
  writeFileSync(file, safeStorage.encryptString(key), { mode: 0o600 });
  return key;
}

function startCore(dataDir: string): CoreConnection {
  const child = utilityProcess.fork(join(here, 'coreProcess.mjs'), [], { serviceName: '互助保障工作台核心', stdio: 'inherit' });
  const key = tokenKey(join(dataDir, 'token-key.bin'));
  const connection = new CoreConnection(
    {
      post: (message) => child.postMessage(message),
      onMessage(listener) {
        child.on('message', listener);
        return () => child.off('message', listener);
      },
    },
    {
      dataDir,
      backgroundThread: true,
      ...(process.env.HUZHU_SQLITE_BINDING ? { nativeBinding: process.env.HUZHU_SQLITE_BINDING } : {}),
      ...(process.env.HUZHU_SERVER_URL ? { serverUrl: process.env.HUZHU_SERVER_URL } : {}),
      ...(key ? { tokenKey: key } : {}),
    },
  );
  child.on('exit', (code) => connection.exitedWith(code));
  return connection;
}

async function start(): Promise<void> {
  const dataDir = resolveDataDir(process.env, { platform: process.platform, home: app.getPath('home'), appData: app.getPath('appData') });
  core = startCore(dataDir);
  await core.ready;

  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));

  ipcMain.handle(IPC_CALL, (event, operation: unknown, input: unknown) => {
    if (!fromOurWindow(event) || typeof operation !== 'string') return { ok: false, status: 403, error: { code: 'FORBIDDEN', message: '拒绝访问' } };
    return core!.dispatch(operation, input);
  });
  ipcMain.handle(IPC_PRINT, (event, base64: unknown) => {
    if (!fromOurWindow(event) || typeof base64 !== 'string') return { ok: false, reason: '拒绝访问' };
    return printPdf(base64);
  });

  Menu.setApplicationMenu(null);
  window = createWindow(join(dataDir, 'window.json'));
  core.subscribe((e) => {
    window?.webContents.send(IPC_EVENT, e);
    // The association's decisions reach the clerk even with the window in the background.
    const notice = isApiEvent(e) ? associationNotice(e) : null;
    if (notice && Notification.isSupported()) new Notification({ title: NOTICE_TITLE, body: notice }).show();
  });
}

app.enableSandbox();
// A second launch (a double click on the icon) brings the open window forward instead of opening the store twice.
if (!app.requestSingleInstanceLock()) {
  app.exit(0);
} else {
  app.on('second-instance', () => {
    if (window?.isMinimized()) window.restore();
    window?.focus();
  });
  app.whenReady().then(start, (e: unknown) => {
    console.error('[shell] start failed:', (e as Error).message);
    app.exit(1);
  });
}
app.on('window-all-closed', () => {
  void core?.close().finally(() => app.quit());
});
