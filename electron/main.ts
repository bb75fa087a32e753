/**
 * The Electron shell: one window on the app's own origin (app://workbench, served from the
 * renderer build only, with a CSP), the security checklist, IPC relayed to the core's own
 * process (utilityProcess), printing, the data key kept with the OS's protection, and updates
 * from the association's feed. The decisions (which files, which links, which key storage,
 * which feed) are made by small modules in electron/core/host, tested under plain Node.
 */
import { app, BrowserWindow, dialog, ipcMain, Menu, Notification, protocol, safeStorage, session, shell, utilityProcess, type IpcMainInvokeEvent } from 'electron';
import electronUpdater from 'electron-updater';
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { associationNotice, NOTICE_TITLE } from '../shared/api/associationNotice';
import { IPC_CALL, IPC_EVENT, IPC_PRINT, IPC_PRINTERS, printOptionsSchema, type PrintOptions, type PrinterInfo } from '../shared/api/bridge';
import { isApiEvent } from '../shared/api/events';
import { builtInSchemes } from '../shared/schemes';
import { APP_ENTRY_URL, APP_SCHEME, APP_SCHEME_PRIVILEGES, isAppUrl, resolveAppRequest } from './core/host/appProtocol';
import { resolveHostDataKey } from './core/host/dataKeySource';
import { allowedOrigins, mayOpenExternally } from './core/host/externalLinks';
import { chooseKeyStorage } from './core/host/keyStorage';
import { CONTENT_SECURITY_POLICY } from './core/host/staticFiles';
import { bakedFeedUrl, requirePublisher, updateFeed } from './core/host/updatePolicy';
import { loadWindowState, saveWindowState } from './core/host/windowState';
import { CoreConnection } from './core/process/coreConnection';
import { DataKey, ensurePrivateDir, resolveDataDir } from './core/store';

const here = dirname(fileURLToPath(import.meta.url));
const rendererRoot = join(here, '..', 'renderer');

// Before `ready`: the app's own scheme, standard and secure so that 'self' in the CSP means it.
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }]);

let core: CoreConnection | null = null;
let window: BrowserWindow | null = null;

/** Only our own window's main frame, on our own origin, may call the core. */
function fromOurWindow(event: IpcMainInvokeEvent): boolean {
  return window !== null && event.sender === window.webContents && isAppUrl(event.senderFrame?.url ?? '');
}

function serveAppProtocol(): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const answer = resolveAppRequest(rendererRoot, request.method, request.url);
    if (answer.status !== 200 || !answer.file) return new Response(null, { status: answer.status, headers: answer.headers });
    return new Response(request.method === 'HEAD' ? null : await readFile(answer.file), { status: 200, headers: answer.headers });
  });
}

function createWindow(stateFile: string, linkOrigins: ReadonlySet<string>): BrowserWindow {
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
  win.webContents.on('will-redirect', (e) => e.preventDefault());
  win.webContents.on('will-attach-webview', (e) => e.preventDefault());
  win.webContents.setWindowOpenHandler(({ url }) => {
    // The association's own sites open in the system browser; nothing else is opened at all.
    if (mayOpenExternally(url, linkOrigins)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  if (saved?.maximized) win.maximize();
  win.on('close', () => saveWindowState(stateFile, { ...win.getNormalBounds(), maximized: win.isMaximized() }));
  void win.loadURL(APP_ENTRY_URL);
  return win;
}

async function printPdf(base64: string, options: PrintOptions): Promise<{ ok: boolean; reason?: string }> {
  // Chromium's PDF viewer prints what it shows; a hidden window keeps the clerk's page as it is.
  // The document holds personal data: a folder of its own (0700), the file 0600, removed after.
  const dir = mkdtempSync(join(tmpdir(), 'huzhu-print-'));
  const file = join(dir, 'document.pdf');
  writeFileSync(file, Buffer.from(base64, 'base64'), { mode: 0o600 });
  const printer = new BrowserWindow({ show: false, webPreferences: { sandbox: true, contextIsolation: true } });
  try {
    await printer.loadFile(file);
    return await new Promise((resolve) =>
      // The callback's ok: the job was handed to the printer (not cancelled in the dialog, not refused): only then is the print counted.
      printer.webContents.print(
        {
          silent: options.deviceName !== undefined,
          ...(options.deviceName !== undefined ? { deviceName: options.deviceName } : {}),
          printBackground: true,
          duplexMode: options.duplex ? 'longEdge' : 'simplex',
        },
        (ok, reason) => resolve(ok ? { ok } : { ok, reason }),
      ),
    );
  } finally {
    printer.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The data key kept with safeStorage in `file`; an earlier version's token key there becomes it. */
function safeStorageKey(file: string, earlierTokenKeyFile: string): DataKey {
  if (!existsSync(file) && existsSync(earlierTokenKeyFile)) renameSync(earlierTokenKeyFile, file);
  if (existsSync(file)) {
    try {
      return DataKey.fromBase64(safeStorage.decryptString(readFileSync(file)));
    } catch (cause) {
      // Without this key the sealed personal data cannot be read: never replace it silently.
      throw new Error(`无法用操作系统的密钥保护解开数据密钥（${file}），可能换了操作系统用户或电脑；个人信息无法读取`, { cause });
    }
  }
  const key = DataKey.generate();
  writeFileSync(file, safeStorage.encryptString(key.toBase64()), { mode: 0o600, flag: 'wx' });
  return key;
}

/**
 * The data key: with safeStorage where the OS really protects it (the tokens may then stay
 * on disk too); otherwise as the browser host gets it (HUZHU_PASSPHRASE, HUZHU_KEY_FILE or a
 * key file beside the data folder), and the clerk is told.
 */
function dataKeyFor(dataDir: string): { key: DataKey; keepTokens: boolean } {
  const choice = chooseKeyStorage({
    platform: process.platform,
    encryptionAvailable: safeStorage.isEncryptionAvailable(),
    linuxBackend: process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : undefined,
  });
  if (choice.kind === 'safeStorage') return { key: safeStorageKey(join(dataDir, 'data-key.bin'), join(dataDir, 'token-key.bin')), keepTokens: true };
  const hostKey = resolveHostDataKey(process.env, dataDir);
  if (hostKey.source !== 'passphrase') {
    void dialog.showMessageBox({ type: 'warning', title: '互助保障工作台', message: `${choice.reason}。`, detail: hostKey.notice });
  }
  return { key: hostKey.key, keepTokens: false };
}

function startCore(dataDir: string): CoreConnection {
  ensurePrivateDir(dataDir);
  const { key, keepTokens } = dataKeyFor(dataDir);
  const child = utilityProcess.fork(join(here, 'coreProcess.mjs'), [], { serviceName: '互助保障工作台核心', stdio: 'inherit' });
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
      dataKey: key.toBase64(),
      keepTokens,
      backgroundThread: true,
      ...(process.env.HUZHU_SQLITE_BINDING ? { nativeBinding: process.env.HUZHU_SQLITE_BINDING } : {}),
      ...(process.env.HUZHU_SERVER_URL ? { serverUrl: process.env.HUZHU_SERVER_URL } : {}),
    },
  );
  child.on('exit', (code) => connection.exitedWith(code));
  return connection;
}

/** Every permission a page could ask for (camera, notifications, clipboard, USB …) is refused and reported as not granted. */
function denyAllPermissions(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
}

/** Updates from the association's feed only, over https, and on Windows only with the expected publisher's signature. */
function checkForUpdates(): void {
  if (!app.isPackaged) return;
  const bakedFile = join(process.resourcesPath, 'app-update.yml');
  const configured = process.env.HUZHU_UPDATE_URL ?? (existsSync(bakedFile) ? bakedFeedUrl(readFileSync(bakedFile, 'utf8')) : null);
  const decision = updateFeed(configured);
  if (!decision.ok) {
    console.error(`[shell] ${decision.reason}`);
    return;
  }
  const { autoUpdater, NsisUpdater } = electronUpdater;
  autoUpdater.setFeedURL(decision.feed);
  if (autoUpdater instanceof NsisUpdater) autoUpdater.verifyUpdateCodeSignature = requirePublisher(autoUpdater.verifyUpdateCodeSignature);
  autoUpdater.on('error', (e: Error) => console.error('[shell] 检查更新失败：', e.message));
  void autoUpdater.checkForUpdatesAndNotify().catch(() => undefined);
}

async function start(): Promise<void> {
  const dataDir = resolveDataDir(process.env, { platform: process.platform, home: app.getPath('home'), appData: app.getPath('appData') });
  denyAllPermissions();
  serveAppProtocol();
  core = startCore(dataDir);
  await core.ready;

  ipcMain.handle(IPC_CALL, (event, operation: unknown, input: unknown) => {
    if (!fromOurWindow(event) || typeof operation !== 'string') return { ok: false, status: 403, error: { code: 'FORBIDDEN', message: '拒绝访问' } };
    return core!.dispatch(operation, input);
  });
  ipcMain.handle(IPC_PRINT, (event, base64: unknown, options: unknown) => {
    const parsed = printOptionsSchema.safeParse(options ?? {});
    if (!fromOurWindow(event) || typeof base64 !== 'string' || !parsed.success) return { ok: false, reason: '拒绝访问' };
    return printPdf(base64, parsed.data);
  });
  ipcMain.handle(IPC_PRINTERS, async (event): Promise<PrinterInfo[]> => {
    if (!fromOurWindow(event) || !window) return [];
    return (await window.webContents.getPrintersAsync()).map((p) => ({ name: p.name, displayName: p.displayName || p.name }));
  });

  Menu.setApplicationMenu(null);
  const linkOrigins = allowedOrigins([...builtInSchemes().map((s) => s.association.website), process.env.HUZHU_SERVER_URL]);
  window = createWindow(join(dataDir, 'window.json'), linkOrigins);
  core.subscribe((e) => {
    window?.webContents.send(IPC_EVENT, e);
    // The association's decisions reach the clerk even with the window in the background.
    const notice = isApiEvent(e) ? associationNotice(e) : null;
    if (notice && Notification.isSupported()) new Notification({ title: NOTICE_TITLE, body: notice }).show();
  });
  checkForUpdates();
}

app.enableSandbox();
// No page of this app opens another window or embeds another page: refused for every contents, not just the main window's.
app.on('web-contents-created', (_e, contents) => {
  contents.on('will-attach-webview', (e) => e.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
});
// A second launch (a double click on the icon) brings the open window forward instead of opening the store twice.
if (!app.requestSingleInstanceLock()) {
  app.exit(0);
} else {
  app.on('second-instance', () => {
    if (window?.isMinimized()) window.restore();
    window?.focus();
  });
  app
    .whenReady()
    .then(start)
    .catch((e: unknown) => {
      const message = (e as Error)?.message ?? String(e);
      console.error('[shell] start failed:', message);
      dialog.showErrorBox('互助保障工作台无法启动', message);
      app.exit(1);
    });
}
app.on('window-all-closed', () => {
  void core?.close().finally(() => app.quit());
});
