import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveDataDir, storeFilePath, type PlatformDefaults } from '../../../../electron/core/store/dataDir';

const WIN: PlatformDefaults = { platform: 'win32', home: 'C:\\Users\\li' };
const MAC: PlatformDefaults = { platform: 'darwin', home: '/Users/li' };
const LINUX: PlatformDefaults = { platform: 'linux', home: '/home/li' };

describe('resolveDataDir', () => {
  it.each<[string, Record<string, string>, PlatformDefaults, string]>([
    ['HUZHU_DATA_DIR wins on any platform', { HUZHU_DATA_DIR: '/srv/huzhu', APPDATA: 'C:\\Users\\li\\AppData\\Roaming' }, WIN, '/srv/huzhu'],
    ['Windows: %APPDATA%', { APPDATA: 'D:\\Profiles\\li\\Roaming' }, WIN, 'D:\\Profiles\\li\\Roaming\\huzhu-workbench'],
    ['Windows: the app-data folder the shell knows', { APPDATA: 'D:\\ignored' }, { ...WIN, appData: 'E:\\AppData' }, 'E:\\AppData\\huzhu-workbench'],
    ['Windows without APPDATA', {}, WIN, 'C:\\Users\\li\\AppData\\Roaming\\huzhu-workbench'],
    ['macOS', { XDG_DATA_HOME: '/ignored' }, MAC, '/Users/li/Library/Application Support/huzhu-workbench'],
    ['macOS: the app-data folder the shell knows', {}, { ...MAC, appData: '/Volumes/x/Support' }, '/Volumes/x/Support/huzhu-workbench'],
    ['Linux: XDG_DATA_HOME', { XDG_DATA_HOME: '/data/li' }, LINUX, '/data/li/huzhu-workbench'],
    ['Linux default', {}, LINUX, '/home/li/.local/share/huzhu-workbench'],
    ["Linux: Electron's appData is the config folder, not used", {}, { ...LINUX, appData: '/home/li/.config' }, '/home/li/.local/share/huzhu-workbench'],
    ['Linux: a relative XDG_DATA_HOME is ignored', { XDG_DATA_HOME: 'rel/dir' }, LINUX, '/home/li/.local/share/huzhu-workbench'],
    ['blank HUZHU_DATA_DIR is ignored', { HUZHU_DATA_DIR: '  ' }, LINUX, '/home/li/.local/share/huzhu-workbench'],
  ])('%s', (_label, env, defaults, expected) => {
    expect(resolveDataDir(env, defaults)).toBe(expected);
  });

  it('puts the store file in the data folder', () => {
    expect(storeFilePath('/srv/huzhu')).toBe(join('/srv/huzhu', 'workbench.sqlite'));
  });
});
