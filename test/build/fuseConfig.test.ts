import { FuseV1Options } from '@electron/fuses';
import { describe, expect, it } from 'vitest';
import { electronBinaryOf, FUSES, wrongFuses } from '../../build/fuseConfig';

const ON = 49;
const OFF = 48;

describe('the packaged app’s Electron fuses', () => {
  it('turns off running as Node, NODE_OPTIONS and inspect; turns on asar integrity and asar-only loading', () => {
    expect(FUSES[FuseV1Options.RunAsNode]).toBe(false);
    expect(FUSES[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(false);
    expect(FUSES[FuseV1Options.EnableNodeCliInspectArguments]).toBe(false);
    expect(FUSES[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(true);
    expect(FUSES[FuseV1Options.OnlyLoadAppFromAsar]).toBe(true);
    expect(FUSES[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(false);
  });

  it('decides every fuse this @electron/fuses knows', () => {
    const known = Object.values(FuseV1Options).filter((v): v is number => typeof v === 'number');
    expect(known.filter((fuse) => typeof FUSES[fuse as FuseV1Options] !== 'boolean')).toEqual([]);
    expect(FUSES.strictlyRequireAllFuses).toBe(true);
  });

  it('names the fuses a binary does not have as configured', () => {
    const asConfigured = Object.fromEntries(
      Object.values(FuseV1Options)
        .filter((v): v is number => typeof v === 'number')
        .map((fuse) => [String(fuse), FUSES[fuse as FuseV1Options] ? ON : OFF]),
    );
    expect(wrongFuses(FUSES, asConfigured)).toEqual([]);
    expect(wrongFuses(FUSES, { ...asConfigured, [FuseV1Options.RunAsNode]: ON, [FuseV1Options.OnlyLoadAppFromAsar]: OFF })).toEqual(['RunAsNode', 'OnlyLoadAppFromAsar']);
  });

  it('finds the packaged binary on each platform', () => {
    const packed = { appOutDir: '/out/win-unpacked', productFilename: '互助保障工作台', executableName: 'huzhu-workbench' };
    expect(electronBinaryOf({ ...packed, platform: 'win32' })).toBe('/out/win-unpacked/互助保障工作台.exe');
    expect(electronBinaryOf({ ...packed, platform: 'linux' })).toBe('/out/win-unpacked/huzhu-workbench');
    expect(electronBinaryOf({ ...packed, platform: 'darwin' })).toBe('/out/win-unpacked/互助保障工作台.app');
  });
});
