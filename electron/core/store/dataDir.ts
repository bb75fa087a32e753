/**
 * Where the store lives: `HUZHU_DATA_DIR` when set (tests, portable installs, the browser
 * host), else the operating system's per-user application-data folder.
 */
import { homedir } from 'node:os';
import { join, posix, win32 } from 'node:path';

export const APP_DIR_NAME = 'huzhu-workbench';
export const STORE_FILE_NAME = 'workbench.sqlite';

export interface PlatformDefaults {
  /** `process.platform`. */
  platform: string;
  /** The user's home folder. */
  home: string;
  /**
   * The OS's per-user application-data folder when the caller knows it (Electron's
   * `app.getPath('appData')`). Used on Windows and macOS; on Linux Electron gives the config
   * folder (~/.config), while data belongs in the XDG data folder, so it is not used there.
   */
  appData?: string;
}

export type Environment = Readonly<Record<string, string | undefined>>;

export function currentPlatformDefaults(): PlatformDefaults {
  return { platform: process.platform, home: homedir() };
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/** Pure: the environment and platform are passed in, so every platform's answer is testable anywhere. */
export function resolveDataDir(env: Environment, defaults: PlatformDefaults): string {
  const override = nonEmpty(env.HUZHU_DATA_DIR);
  if (override) return override;
  const { platform, home } = defaults;
  const appData = nonEmpty(defaults.appData);
  if (platform === 'win32') {
    const base = appData ?? nonEmpty(env.APPDATA) ?? win32.join(home, 'AppData', 'Roaming');
    return win32.join(base, APP_DIR_NAME);
  }
  if (platform === 'darwin') return posix.join(appData ?? posix.join(home, 'Library', 'Application Support'), APP_DIR_NAME);
  // The XDG spec says a relative XDG_DATA_HOME is invalid and must be ignored.
  const xdg = nonEmpty(env.XDG_DATA_HOME);
  const base = xdg && posix.isAbsolute(xdg) ? xdg : posix.join(home, '.local', 'share');
  return posix.join(base, APP_DIR_NAME);
}

export function storeFilePath(dataDir: string): string {
  return join(dataDir, STORE_FILE_NAME);
}
