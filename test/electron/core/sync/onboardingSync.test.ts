/**
 * Unit onboarding through the real sync engine, a real SQLite store and the real association
 * server over HTTP: the application queued offline arrives once (a lost response retried with
 * the same key), the staff turn it down, the clerk edits and resubmits, the staff approve, and
 * the insurance code lands in the unit profile through the change feed. The handler and phone
 * changes reach the account.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { OnboardingView } from '../../../../shared/api';
import { ROUTES } from '../../../../shared/wire';
import { onboardingHandlers } from '../../../../electron/core/app/onboarding/onboardingHandlers';
import { EventBus } from '../../../../electron/core/app/eventBus';
import type { CoreContext } from '../../../../electron/core/app/coreContext';
import { adminCall, call, PNG_BYTES, startTestServer, type TestServer } from '../../../server/serverFixtures';
import { CLERK, closeServer, openClient, registeredUnit, settle, type ClientSide } from './syncFixtures';

let t: TestServer;
let client: ClientSide;

beforeAll(async () => {
  t = await startTestServer({ faults: true, tokenTtlMs: 365 * 24 * 3600_000 });
});
afterAll(() => closeServer(t));
afterEach(() => client?.close());

const FORM = {
  unitName: '同步示例单位',
  committeeName: '机电',
  unitNature: '国有',
  contactName: '丁一',
  contactMobile: '13912345678',
  contactEmail: '123@163.com',
  address: '上海市浦东新区 123 号',
  postcode: '200120',
  inServiceCount: 50,
};
const PDF = Buffer.from('%PDF-1.4\n%%EOF\n', 'latin1');

function handlers(c: ClientSide) {
  const ctx: CoreContext = { store: c.store, events: new EventBus(), now: c.clock, clerk: () => CLERK };
  return onboardingHandlers(ctx);
}

describe('申请参保编码 from the client to the association and back', () => {
  it('sends once despite a lost response, shows 审核不通过 with the reason, resubmits, and gets the code into the unit profile', async () => {
    let armed = false;
    client = openClient(t.url, {
      before: (method, path) => {
        // The first attempt is applied by the server but its answer never arrives.
        if (method === 'POST' && path === '/v1/onboarding/insurance-code' && !armed) {
          armed = true;
          t.server.faults.dropAfterCommit({ route: ROUTES.applyInsuranceCode });
        }
      },
    });
    const h = handlers(client);
    const { unitId } = await registeredUnit(client, t.url, '同步示例单位');
    const get = () => h['onboarding.get']({ unitId, schemeId: 'shanghai-2020' });

    let view: OnboardingView = await h['onboarding.applyInsuranceCode']({ unitId, schemeId: 'shanghai-2020', form: FORM, attachments: [{ name: '营业执照.png', base64: PNG_BYTES.toString('base64') }] });
    expect(view.insuranceCode!.status).toBe('queued');
    await settle(client);
    view = await get();
    expect(view.insuranceCode).toMatchObject({ status: 'pending', editable: false });
    const onServer = (await adminCall(t.url, ROUTES.adminApplications, {})).body.applications.filter((a: { unitName: string }) => a.unitName === '同步示例单位');
    expect(onServer).toHaveLength(1);
    const keys = client.requests.filter((r) => r.path === '/v1/onboarding/insurance-code').map((r) => r.key);
    expect(keys.length).toBe(2);
    expect(new Set(keys).size).toBe(1);

    await adminCall(t.url, ROUTES.adminRejectApplication, { applicationId: onServer[0].applicationId }, { staff: '审核员甲', reason: '营业执照复印件须加盖公章' });
    await settle(client);
    view = await get();
    expect(view.insuranceCode).toMatchObject({ status: 'rejected', reason: '营业执照复印件须加盖公章', editable: true });

    view = await h['onboarding.applyInsuranceCode']({ unitId, schemeId: 'shanghai-2020', form: FORM, attachments: [{ name: '营业执照（盖章）.pdf', base64: PDF.toString('base64') }] });
    expect(view.insuranceCode).toMatchObject({ status: 'queued' });
    expect(view.insuranceCode!.reason).toBeUndefined();
    await settle(client);
    expect((await get()).insuranceCode!.status).toBe('pending');

    const approved = await adminCall(t.url, ROUTES.adminApproveApplication, { applicationId: onServer[0].applicationId }, { staff: '审核员甲', insuranceCode: '09000X' });
    expect(approved.body.round).toBe(2);
    await settle(client);
    view = await get();
    expect(view.insuranceCode).toMatchObject({ status: 'approved', insuranceCode: '09000X', editable: false });
    expect(view.account.insuranceCode).toBe('09000X');
    expect(client.store.units.require(unitId).insuranceCode).toBe('09000X');
  });
});

describe('account changes reach the association and come back as the account', () => {
  it('经办人填报 and 联系电话变更 are applied by the server; the new phone logs in', async () => {
    client = openClient(t.url);
    const h = handlers(client);
    const { unitId, password } = await registeredUnit(client, t.url, '账号变更单位');
    const handler = { name: '丁二', phone: '13912340000', email: 'ding@163.com' };
    await h['onboarding.updateHandler']({ unitId, schemeId: 'shanghai-2020', handler });
    await h['onboarding.changeContactPhone']({ unitId, schemeId: 'shanghai-2020', phone: '13612345678' });
    await settle(client);
    const view = await h['onboarding.get']({ unitId, schemeId: 'shanghai-2020' });
    expect(view.handler).toMatchObject({ status: 'done' });
    expect(view.contactPhone).toMatchObject({ status: 'done' });
    expect(view.account).toMatchObject({ loginPhone: '13612345678', handler: { name: '丁二', phone: '13612345678', email: 'ding@163.com' } });
    expect(client.store.units.require(unitId).handler).toEqual({ name: '丁二', phone: '13612345678', email: 'ding@163.com' });
    const login = await call(t.url, ROUTES.login, { body: { account: '13612345678', password } });
    expect(login.status).toBe(200);
  });

  it('a refused change is shown as 发送失败 with the server\'s message and blocks nothing else', async () => {
    client = openClient(t.url);
    const h = handlers(client);
    const other = await registeredUnit(client, t.url, '占用号码单位');
    const { unitId } = await registeredUnit(client, t.url, '号码冲突单位');
    await h['onboarding.changeContactPhone']({ unitId, schemeId: 'suzhou-2024', phone: other.phone });
    await h['onboarding.updateHandler']({ unitId, schemeId: 'shanghai-2020', handler: { name: '冲突经办', phone: '13912349999', email: 'c@163.com' } });
    await settle(client);
    const view = await h['onboarding.get']({ unitId, schemeId: 'suzhou-2024' });
    expect(view.contactPhone).toMatchObject({ status: 'sendFailed', sendError: { code: 'accountExists', message: '该手机号码已是另一个账号的联系电话' } });
    expect(view.handler).toMatchObject({ status: 'done' });
  });
});
