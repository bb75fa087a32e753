/**
 * better-sqlite3 compiled for Electron's ABI, kept apart from the Node build that
 * `npm test` uses: a copy of the package in `.electron-native/` is rebuilt there, and the
 * shell loads that binary through better-sqlite3's `nativeBinding` option.
 */
import { rebuild } from '@electron/rebuild';
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ROOT } from './bundleElectron';

const require = createRequire(import.meta.url);
const NATIVE_ROOT = join(ROOT, '.electron-native');
const MODULE = join(NATIVE_ROOT, 'node_modules', 'better-sqlite3');
export const ELECTRON_SQLITE_BINDING = join(MODULE, 'build', 'Release', 'better_sqlite3.node');

function electronVersion(): string {
  return (require('electron/package.json') as { version: string }).version;
}

/** Rebuilds only when the binary is missing or was built for another Electron or better-sqlite3. */
export async function ensureElectronSqlite(): Promise<string> {
  const version = electronVersion();
  const sqliteVersion = (require('better-sqlite3/package.json') as { version: string }).version;
  const stamp = join(NATIVE_ROOT, 'built-for.json');
  const wanted = JSON.stringify({ electron: version, betterSqlite3: sqliteVersion });
  if (existsSync(ELECTRON_SQLITE_BINDING) && existsSync(stamp) && readFileSync(stamp, 'utf8') === wanted) return ELECTRON_SQLITE_BINDING;

  mkdirSync(join(NATIVE_ROOT, 'node_modules'), { recursive: true });
  writeFileSync(join(NATIVE_ROOT, 'package.json'), JSON.stringify({ name: 'electron-native', private: true, dependencies: { 'better-sqlite3': sqliteVersion } }));
  cpSync(join(ROOT, 'node_modules', 'better-sqlite3'), MODULE, { recursive: true, filter: (src) => !src.includes(`${join('better-sqlite3', 'build')}`) });
  console.log(`正在为 Electron ${version} 编译 better-sqlite3 …`);
  await rebuild({ buildPath: NATIVE_ROOT, electronVersion: version, onlyModules: ['better-sqlite3'], force: true });
  writeFileSync(stamp, wanted);
  return ELECTRON_SQLITE_BINDING;
}
