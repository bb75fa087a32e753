/**
 * The Electron fuses the packaged app is built with (flipped in the binary by the afterPack
 * hook, afterPack.ts): the binary cannot be run as plain Node, takes no NODE_OPTIONS and no
 * --inspect, loads the app only from its asar archive and checks that archive's integrity,
 * and gives file:// no extra privileges (the window is served from app://).
 */
import { FuseV1Options, FuseVersion, type FuseConfig } from '@electron/fuses';

export const FUSES: FuseConfig = {
  version: FuseVersion.V1,
  // A fuse a later Electron adds must be decided here, not left at its default.
  strictlyRequireAllFuses: true,
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableCookieEncryption]: true,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
};

export interface PackedApp {
  /** electron-builder's `appOutDir`. */
  appOutDir: string;
  /** `electronPlatformName`: win32, linux or darwin. */
  platform: string;
  /** The app's product file name (Windows, macOS). */
  productFilename: string;
  /** The Linux executable's name. */
  executableName: string;
}

/** The packaged Electron binary whose fuses are flipped. */
export function electronBinaryOf(packed: PackedApp): string {
  switch (packed.platform) {
    case 'win32':
      return `${packed.appOutDir}/${packed.productFilename}.exe`;
    case 'darwin':
      return `${packed.appOutDir}/${packed.productFilename}.app`;
    default:
      return `${packed.appOutDir}/${packed.executableName}`;
  }
}

/** The fuse wire's characters: '1' (49) on, '0' (48) off. */
const FUSE_ON = 49;
const FUSE_OFF = 48;

/** The fuses of `config` the binary's wire (getCurrentFuseWire) does not have as configured, by name. */
export function wrongFuses(config: FuseConfig, wire: Readonly<Record<string, unknown>>): string[] {
  const wrong: string[] = [];
  for (const [index, wanted] of Object.entries(config)) {
    if (!/^\d+$/.test(index)) continue;
    if (wire[index] !== (wanted ? FUSE_ON : FUSE_OFF)) wrong.push(FuseV1Options[Number(index)] ?? index);
  }
  return wrong;
}
