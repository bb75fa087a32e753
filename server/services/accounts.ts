/** Unit registration, login and the account view. */
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { AccountView, registerUnitRequestSchema, SessionView } from '../../shared/wire';
import { hashPassword, verifyPassword } from '../auth/passwords';
import { newToken } from '../auth/tokens';
import { isoAt } from '../clock';
import type { ServerContext } from '../context';
import { refuse } from '../http/wireHttpError';
import type { UnitProfile, UnitRecord } from '../store/unitsStore';
import { HOLDING_STATES } from './occupancy';

export async function accountView(ctx: ServerContext, unit: UnitRecord): Promise<AccountView> {
  const p = unit.profile;
  const view: AccountView = {
    unitId: unit.id,
    name: unit.name,
    loginPhone: unit.loginPhone,
    socialSecurityCodes: p.socialSecurityCodes,
    handler: p.handler,
    contacts: p.contacts,
    registeredAt: unit.createdAt,
    centralSelections: (await ctx.batches.list({ unitId: unit.id }))
      .filter((b) => b.enrollmentType === 'central' && HOLDING_STATES.includes(b.state))
      .map((b) => ({ schemeId: b.schemeId, coverageYear: b.coverageYear, batchId: b.clientBatchId, selection: b.selection })),
  };
  if (p.uscc !== undefined) view.uscc = p.uscc;
  if (p.insuranceCode !== undefined) view.insuranceCode = p.insuranceCode;
  if (p.medicalInsuranceCode !== undefined) view.medicalInsuranceCode = p.medicalInsuranceCode;
  if (p.headCounts !== undefined) view.headCounts = p.headCounts;
  if (p.address !== undefined) view.address = p.address;
  if (p.district !== undefined) view.district = p.district;
  return view;
}

/** A new session for the unit; the token is returned once and stored only as its hash. */
export async function openSession(ctx: ServerContext, unit: UnitRecord): Promise<SessionView> {
  const { token, hash } = newToken();
  const now = ctx.clock();
  const expiresAt = new Date(now.getTime() + ctx.tokenTtlMs).toISOString();
  await ctx.units.createSession(unit.id, hash, now.toISOString(), expiresAt);
  return { token, expiresAt, account: await accountView(ctx, unit) };
}

/** Logs in from `address`, throttled per account typed and per address (429 while they must wait). */
export async function login(ctx: ServerContext, account: string, password: string, address: string): Promise<SessionView> {
  const typed = account.trim();
  await ctx.throttle.check(address, typed);
  const unit = await ctx.units.byAccount(typed);
  // Verified even for an unknown account, so both failures take as long and read the same.
  const ok = await verifyPassword(password, unit?.passwordHash ?? null);
  if (!unit || !ok) {
    await ctx.throttle.failed(address, typed);
    throw refuse('loginFailed', '账号或密码不正确');
  }
  await ctx.throttle.succeeded(typed);
  return await openSession(ctx, unit);
}

/** One answer whichever is taken, so a registration cannot tell a name from a phone on file. */
export const ACCOUNT_EXISTS_MESSAGE = '单位名称或手机号码已注册；如是本单位，请直接登录';

export type ValidRegistration = z.output<typeof registerUnitRequestSchema>;

export async function preparePassword(password: string): Promise<string> {
  return hashPassword(password);
}

/** Creates the account (inside the action's transaction); `passwordHash` was computed beforehand. */
export async function registerUnit(ctx: ServerContext, req: ValidRegistration, passwordHash: string): Promise<UnitRecord> {
  if (await ctx.units.byName(req.unit.name) || await ctx.units.byPhone(req.unit.handler.phone)) throw refuse('accountExists', ACCOUNT_EXISTS_MESSAGE);
  const profile: UnitProfile = {
    socialSecurityCodes: req.unit.socialSecurityCodes,
    handler: req.unit.handler,
    contacts: req.unit.contacts,
  };
  if (req.unit.uscc !== undefined) profile.uscc = req.unit.uscc;
  if (req.unit.insuranceCode !== undefined) profile.insuranceCode = req.unit.insuranceCode;
  if (req.unit.medicalInsuranceCode !== undefined) profile.medicalInsuranceCode = req.unit.medicalInsuranceCode;
  if (req.unit.headCounts !== undefined) profile.headCounts = req.unit.headCounts;
  if (req.unit.address !== undefined) profile.address = req.unit.address;
  const unit: UnitRecord = {
    id: `unit-${randomUUID()}`,
    name: req.unit.name,
    loginPhone: req.unit.handler.phone,
    passwordHash,
    profile,
    createdAt: isoAt(ctx.clock),
  };
  await ctx.units.insert(unit);
  return unit;
}
