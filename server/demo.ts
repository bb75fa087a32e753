/**
 * Demo data for `npm run server`: two unit accounts and a few claim records, added once
 * (a second start finds them and leaves them alone). The ID numbers are made up, with valid
 * check digits.
 */
import { mod11_2CheckCharacter } from '../shared/domain/identity';
import { addClaim } from './services/adminActions';
import { preparePassword, registerUnit } from './services/accounts';
import type { ServerContext } from './context';

export interface DemoAccount {
  unitName: string;
  phone: string;
  password: string;
}

export const DEMO_PASSWORD = 'demo1234';

export const DEMO_UNITS = [
  { name: '示例单位A', handler: { name: '张经办', phone: '13800000001' }, uscc: '91310000MA1FL00A1B' },
  { name: '示例单位B', handler: { name: '李经办', phone: '13800000002' }, uscc: '91310000MA1FL00B2C' },
] as const;

function demoId(birth: string, seq: string): string {
  const body = `310101${birth}${seq}`;
  return body + mod11_2CheckCharacter(body)!;
}

export async function seedDemo(ctx: ServerContext): Promise<DemoAccount[]> {
  const accounts: DemoAccount[] = [];
  for (const demo of DEMO_UNITS) {
    accounts.push({ unitName: demo.name, phone: demo.handler.phone, password: DEMO_PASSWORD });
    if (await ctx.units.byName(demo.name)) continue;
    const hash = await preparePassword(DEMO_PASSWORD);
    await ctx.db.transaction(async () => {
      const unit = await registerUnit(
        ctx,
        {
          unit: { name: demo.name, uscc: demo.uscc, socialSecurityCodes: [], handler: demo.handler, contacts: [{ name: demo.handler.name, phone: demo.handler.phone }] },
          password: DEMO_PASSWORD,
        },
        hash,
      );
      const claims =
        demo === DEMO_UNITS[0]
          ? [
              { claimNumber: 'LP2020000101', personName: '王小明', docNumber: demoId('19850615', '123'), planCode: 'A0', planName: '住院基本保障', eventDate: '2020-06-02', reportedOn: '2020-06-20', claimedFen: 350000, paidFen: 210000, status: 'paid' as const, paidOn: '2020-07-10' },
              { claimNumber: 'LP2020000102', personName: '陈丽', docNumber: demoId('19900228', '122'), planCode: 'C0', planName: '意外伤害保障', eventDate: '2020-08-15', reportedOn: '2020-08-30', claimedFen: 120000, paidFen: 0, status: 'reported' as const },
              { claimNumber: 'LP2020000103', personName: '赵强', docNumber: demoId('19780301', '131'), planCode: 'B0', planName: '特种重病保障', eventDate: '2020-09-01', reportedOn: '2020-09-12', claimedFen: 1000000, paidFen: 0, status: 'refused' as const, remark: '免责期内发病' },
            ]
          : [{ claimNumber: 'LP2020000201', personName: '孙燕', docNumber: demoId('19880712', '242'), planCode: 'A0', planName: '住院基本保障', eventDate: '2020-05-20', reportedOn: '2020-06-01', claimedFen: 80000, paidFen: 64000, status: 'approved' as const }];
      for (const c of claims) await addClaim(ctx, unit.id, c);
    });
  }
  return accounts;
}
