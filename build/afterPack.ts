/**
 * electron-builder's afterPack hook (electron-builder.yml `afterPack`): flips the packaged
 * binary's fuses (fuseConfig.ts) before electron-builder signs it, then reads them back, so a
 * build whose fuses did not take fails instead of shipping. Bundled to
 * dist/build-hooks/afterPack.cjs by bundleElectron.ts, as electron-builder loads plain JS.
 */
import { flipFuses, getCurrentFuseWire } from '@electron/fuses';
import type { AfterPackContext } from 'electron-builder';
import { electronBinaryOf, FUSES, wrongFuses } from './fuseConfig';

export default async function afterPack(context: AfterPackContext): Promise<void> {
  const binary = electronBinaryOf({
    appOutDir: context.appOutDir,
    platform: context.electronPlatformName,
    productFilename: context.packager.appInfo.productFilename,
    executableName: (context.packager as { executableName?: string }).executableName ?? context.packager.appInfo.productFilename,
  });
  await flipFuses(binary, FUSES);
  const wrong = wrongFuses(FUSES, (await getCurrentFuseWire(binary)) as unknown as Record<string, unknown>);
  if (wrong.length > 0) throw new Error(`Electron fuses not set as configured in ${binary}: ${wrong.join(', ')}`);
}
