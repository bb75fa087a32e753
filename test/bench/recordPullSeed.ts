/**
 * `recordPullSeed.ts <dir>`: the association's data folder for the record-pull bench, written
 * through the server's own routes: 10,000 persons a year over five coverage years, in
 * batches of 2,000, submitted and approved. Prints the unit's login as JSON.
 */
import { fileURLToPath } from 'node:url';
import { createServer } from '../../server/createServer';
import { ROUTES } from '../../shared/wire';
import { ADMIN_TOKEN, adminCall, call, personName, registerUnit, residentIds, shanghaiCentral, shanghaiRow, testClock } from '../server/serverFixtures';
import { centralDayOf, publishEarlierYears } from '../support/unitYears';

export const YEARS = [2016, 2017, 2018, 2019, 2020];
export const PER_YEAR = 10_000;
const PER_BATCH = 2_000;

export async function seedAssociation(dir: string): Promise<{ phone: string; password: string }> {
  const clock = testClock(centralDayOf(YEARS[0]!));
  const server = await createServer({ dataDir: dir, adminToken: ADMIN_TOKEN, clock, tokenTtlMs: 10 * 366 * 24 * 3600_000, demo: false });
  const url = await server.listen({ port: 0, host: '127.0.0.1' });
  try {
    await publishEarlierYears(url, YEARS.filter((y) => y < 2020));
    const unit = await registerUnit(url, '五年参保基准单位');
    const ids = residentIds(PER_YEAR, 1975);
    for (const year of YEARS) {
      clock.set(centralDayOf(year));
      for (let from = 0; from < PER_YEAR; from += PER_BATCH) {
        const rows = ids.slice(from, from + PER_BATCH).map((id, i) => shanghaiRow(id, personName(from + i), { phone: `139${String(from + i).padStart(8, '0')}` }));
        const clientBatchId = `bench-${year}-${from / PER_BATCH + 1}`;
        const schemeId = year === 2020 ? 'shanghai-2020' : `shanghai-${year}`;
        const res = await call(url, ROUTES.submitBatch, { token: unit.token, key: true, body: shanghaiCentral(clientBatchId, rows, { schemeId, title: `${year}集中参保 第${from / PER_BATCH + 1}批` }) });
        if (res.status !== 201) throw new Error(`submit ${clientBatchId}: ${res.status} ${res.text}`);
        const approved = await adminCall(url, ROUTES.adminApprove, { batchId: res.body.serverBatchId });
        if (approved.status !== 200) throw new Error(`approve ${clientBatchId}: ${approved.status}`);
      }
    }
    return { phone: unit.phone, password: unit.password };
  } finally {
    server.app.server.closeAllConnections();
    await server.close();
  }
}


if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(JSON.stringify(await seedAssociation(process.argv[2]!)));
}
