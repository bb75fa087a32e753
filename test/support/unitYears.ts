/**
 * A unit's earlier coverage years held only by the association: Shanghai's scheme moved
 * back whole years (schemeForYear), published on the server, and a
 * central batch per year taken through review, payment and effect by the association's staff.
 */
import { ROUTES, type WireRosterRow } from '../../shared/wire';
import { schemeForYear } from '../electron/core/app/yearFixtures';
import { adminCall, call, PNG_BYTES, shanghaiCentral, type TestClock } from '../server/serverFixtures';

const BASE_YEAR = 2020;


/** The day Shanghai's central window is open in that year (the 2020 fixtures' day, moved back). */
export function centralDayOf(year: number): string {
  return `${year}-04-15T02:00:00.000Z`;
}

export async function publishEarlierYears(url: string, years: readonly number[]): Promise<void> {
  for (const year of years) {
    const res = await adminCall(url, ROUTES.adminPublishScheme, {}, { scheme: schemeForYear('shanghai-2020', `shanghai-${year}`, year - BASE_YEAR) });
    if (res.status !== 201) throw new Error(`publish shanghai-${year}: ${res.status} ${res.text}`);
  }
}

export interface EnrolledYear {
  clientBatchId: string;
  serverBatchId: string;
  policyNumber: string;
  payableFen: number;
}

/**
 * The staff's part of a submitted batch of `year` (the server's clock in that year): approved,
 * paid with a voucher, confirmed, invoiced and put in force.
 */
export async function completeYear(url: string, clock: TestClock, token: string, year: number, clientBatchId: string, serverBatchId: string): Promise<EnrolledYear> {
  clock.set(centralDayOf(year));
  const staff = async (route: string, body: unknown = {}) => {
    const res = await adminCall(url, route, { batchId: serverBatchId }, body);
    if (res.status !== 200) throw new Error(`${route} ${year}: ${res.status} ${res.text}`);
    return res.body;
  };
  const approved = await staff(ROUTES.adminApprove, { staff: '审核员甲' });
  const payableFen = approved.payableFen as number;
  const proof = await call(url, ROUTES.uploadPaymentProof, {
    token,
    key: true,
    params: { batchId: clientBatchId },
    body: { payer: '历年参保单位', amountFen: payableFen, method: '转账', paidOn: `${year}-04-16`, proof: { name: '底单.png', base64: PNG_BYTES.toString('base64') } },
  });
  if (proof.status !== 200) throw new Error(`proof ${year}: ${proof.status} ${proof.text}`);
  await staff(ROUTES.adminConfirmPayment);
  const invoices = await call(url, ROUTES.requestInvoices, { token, key: true, params: { batchId: clientBatchId }, body: { invoices: [{ title: '历年参保单位', amountFen: payableFen }] } });
  if (invoices.status !== 201) throw new Error(`invoices ${year}: ${invoices.status} ${invoices.text}`);
  await staff(ROUTES.adminIssueInvoices);
  const policyNumber = `SH${year}-${clientBatchId.slice(-6)}`;
  await staff(ROUTES.adminSetEffect, { policyNumber });
  await staff(ROUTES.adminTakeEffect);
  return { clientBatchId, serverBatchId, policyNumber, payableFen };
}

/** A central batch of `year` submitted as the unit over HTTP, then completed by the staff. */
export async function enrolYear(url: string, clock: TestClock, token: string, year: number, clientBatchId: string, rows: WireRosterRow[]): Promise<EnrolledYear> {
  clock.set(centralDayOf(year));
  const schemeId = year === BASE_YEAR ? 'shanghai-2020' : `shanghai-${year}`;
  const submitted = await call(url, ROUTES.submitBatch, { token, key: true, body: shanghaiCentral(clientBatchId, rows, { schemeId, title: `${year}集中参保` }) });
  if (submitted.status !== 201) throw new Error(`submit ${year}: ${submitted.status} ${submitted.text}`);
  return completeYear(url, clock, token, year, clientBatchId, submitted.body.serverBatchId as string);
}
