/** What the Electron main process accepts from the window as print options, before it prints. */
import { describe, expect, it } from 'vitest';
import { printOptionsSchema } from '../../../shared/api/bridge';

describe('print options crossing the bridge', () => {
  it.each([[{}], [{ deviceName: '财务室 HP LaserJet' }], [{ deviceName: 'Canon', duplex: true }], [{ duplex: false }]])('accepts %j', (options) => {
    expect(printOptionsSchema.safeParse(options).success).toBe(true);
  });

  it.each([[{ deviceName: '' }], [{ deviceName: 'x'.repeat(301) }], [{ duplex: 'yes' }], [{ silent: true }], [null]])('refuses %j', (options) => {
    expect(printOptionsSchema.safeParse(options).success).toBe(false);
  });
});
