/**
 * Unit onboarding on the association's side: applications received (and received again after
 * 审核不通过), the staff's decision, and the account changes that apply at once (经办人填报,
 * 联系电话变更). Every step must be one the scheme offers; every decision and change goes
 * into the unit's feed in the same transaction.
 */
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import {
  APPLICATION_STATE_LABELS,
  checkCommitmentReading,
  checkOnboardingFile,
  issuedInsuranceCode,
  resubmitRefusal,
  type ApplicationKind,
} from '../../shared/domain/onboarding';
import type { OnboardingSpec, Scheme } from '../../shared/domain/scheme';
import type { VoucherType } from '../../shared/domain/payment';
import {
  MAX_ONBOARDING_FILE_BYTES,
  type AccountView,
  type AdminApplicationView,
  type applyInsuranceCodeRequestSchema,
  type ApplicationView,
  type changeContactPhoneRequestSchema,
  type submitUnitProfileRequestSchema,
  type UnitProfileSnapshot,
  type updateHandlerRequestSchema,
} from '../../shared/wire';
import { VOUCHER_MIME } from '../../shared/domain/payment';
import { isoAt } from '../clock';
import type { ServerContext } from '../context';
import { notFound, refuse } from '../http/wireHttpError';
import type { ApplicationRecord, CommitmentRecord, StoredFile } from '../store/applicationsStore';
import type { UnitProfile, UnitRecord } from '../store/unitsStore';
import { accountView } from './accounts';

type ApplyInsuranceCode = z.output<typeof applyInsuranceCodeRequestSchema>;
type SubmitUnitProfile = z.output<typeof submitUnitProfileRequestSchema>;
type UpdateHandler = z.output<typeof updateHandlerRequestSchema>;
type ChangeContactPhone = z.output<typeof changeContactPhoneRequestSchema>;

const STEP_LABELS: Readonly<Record<keyof OnboardingSpec, string>> = {
  insuranceCodeApplication: '申请参保编码',
  unitProfileCompletion: '单位信息完善',
  handlerDetails: '经办人填报',
  contactPhoneChange: '联系电话变更',
};

/** The newest version of the scheme, and the step's parameters; 422 when the scheme has no such step. */
async function stepOf<K extends keyof OnboardingSpec>(ctx: ServerContext, schemeId: string, step: K): Promise<{ scheme: Scheme; spec: NonNullable<OnboardingSpec[K]> }> {
  const stored = await ctx.schemes.newest(schemeId);
  if (!stored) throw refuse('unknownScheme', `没有这个保障方案：${schemeId}`, { field: 'schemeId' });
  const spec = stored.scheme.onboarding[step];
  if (!spec) throw refuse('onboardingNotOffered', `${stored.scheme.association.name}没有“${STEP_LABELS[step]}”这一步`, { field: 'schemeId' });
  return { scheme: stored.scheme, spec: spec as NonNullable<OnboardingSpec[K]> };
}

function decodeFiles(files: readonly { name: string; base64: string }[], allowed: readonly VoucherType[], field: string): StoredFile[] {
  return files.map((f, i) => {
    const bytes = Buffer.from(f.base64, 'base64');
    const checked = checkOnboardingFile(bytes, allowed, MAX_ONBOARDING_FILE_BYTES);
    if (!checked.ok) {
      const code = checked.problem.code === 'fileTooLarge' ? 'attachmentTooLarge' : checked.problem.code === 'fileEmpty' ? 'onboardingFieldInvalid' : 'attachmentType';
      throw refuse(code, `第 ${i + 1} 个文件（${f.name}）：${checked.problem.message}`, { field: `${field}[${i}].base64` });
    }
    return { name: f.name, type: VOUCHER_MIME[checked.type], bytes };
  });
}

export async function applicationView(ctx: ServerContext, a: ApplicationRecord): Promise<ApplicationView> {
  const view: ApplicationView = {
    applicationId: a.id,
    clientApplicationId: a.clientApplicationId,
    kind: a.kind,
    schemeId: a.schemeId,
    state: a.state,
    stateLabel: APPLICATION_STATE_LABELS[a.state],
    submittedAt: a.submittedAt,
    round: a.round,
    attachments: await ctx.applications.fileInfo(a.id),
  };
  if (a.reason !== null) view.reason = a.reason;
  if (a.insuranceCode !== null) view.insuranceCode = a.insuranceCode;
  if (a.reviewedAt !== null) view.reviewedAt = a.reviewedAt;
  return view;
}

export async function adminApplicationView(ctx: ServerContext, a: ApplicationRecord): Promise<AdminApplicationView> {
  const unit = await ctx.units.get(a.unitId);
  const view: AdminApplicationView = { ...await applicationView(ctx, a), unitId: a.unitId, unitName: unit?.name ?? '', form: a.form };
  if (a.commitment) view.commitment = a.commitment;
  if (a.reviewedBy !== null) view.reviewedBy = a.reviewedBy;
  return view;
}

function profileSnapshot(unit: UnitRecord): UnitProfileSnapshot {
  const p = unit.profile;
  const snapshot: UnitProfileSnapshot = { loginPhone: unit.loginPhone, handler: p.handler };
  if (p.insuranceCode !== undefined) snapshot.insuranceCode = p.insuranceCode;
  if (p.medicalInsuranceCode !== undefined) snapshot.medicalInsuranceCode = p.medicalInsuranceCode;
  if (p.district !== undefined) snapshot.district = p.district;
  return snapshot;
}

async function announceReview(ctx: ServerContext, a: ApplicationRecord, at: string): Promise<void> {
  await ctx.changes.append(a.unitId, at, {
    kind: 'onboardingReview',
    applicationId: a.id,
    clientApplicationId: a.clientApplicationId,
    applicationKind: a.kind,
    schemeId: a.schemeId,
    state: a.state,
    ...(a.reason !== null ? { reason: a.reason } : {}),
    ...(a.insuranceCode !== null ? { insuranceCode: a.insuranceCode } : {}),
  });
}

async function announceProfile(ctx: ServerContext, unitId: string, at: string): Promise<void> {
  const unit = (await ctx.units.get(unitId))!;
  await ctx.changes.append(unitId, at, { kind: 'unitProfile', profile: profileSnapshot(unit) });
}

/** Stores a new application or a new round of one turned down; 201 for a new one, 200 for a resubmission. */
async function receive(
  ctx: ServerContext,
  unit: UnitRecord,
  kind: ApplicationKind,
  req: { clientApplicationId: string; schemeId: string },
  form: Record<string, unknown>,
  files: StoredFile[],
  commitment: CommitmentRecord | null,
): Promise<{ status: 200 | 201; view: ApplicationView }> {
  const at = isoAt(ctx.clock);
  const existing = await ctx.applications.byClientId(unit.id, req.clientApplicationId);
  if (existing && existing.kind !== kind) throw refuse('validationFailed', '该申请编号已用于另一类申请', { field: 'clientApplicationId' });
  const refusal = resubmitRefusal(kind, existing?.state ?? null);
  if (refusal) throw refuse('applicationNotEditable', refusal);
  let id: string;
  if (existing) {
    id = existing.id;
    await ctx.applications.resubmit(id, { schemeId: req.schemeId, form, commitment, submittedAt: at });
  } else {
    id = `app-${randomUUID()}`;
    await ctx.applications.insert({ id, unitId: unit.id, clientApplicationId: req.clientApplicationId, kind, schemeId: req.schemeId, form, commitment, submittedAt: at });
  }
  await ctx.applications.replaceFiles(id, files);
  const stored = (await ctx.applications.get(id))!;
  await announceReview(ctx, stored, at);
  return { status: existing ? 200 : 201, view: await applicationView(ctx, stored) };
}

export async function applyInsuranceCode(ctx: ServerContext, unit: UnitRecord, req: ApplyInsuranceCode): Promise<{ status: 200 | 201; view: ApplicationView }> {
  const { spec } = await stepOf(ctx, req.schemeId, 'insuranceCodeApplication');
  if (req.attachments.length < spec.minAttachments || req.attachments.length > spec.maxAttachments) {
    throw refuse('onboardingFieldInvalid', `附件须为 ${spec.minAttachments} 到 ${spec.maxAttachments} 个文件`, { field: 'attachments' });
  }
  const files = decodeFiles(req.attachments, spec.attachmentTypes, 'attachments');
  return await receive(ctx, unit, 'insuranceCode', req, req.form, files, null);
}

export async function submitUnitProfile(ctx: ServerContext, unit: UnitRecord, req: SubmitUnitProfile): Promise<{ status: 200 | 201; view: ApplicationView }> {
  const { spec } = await stepOf(ctx, req.schemeId, 'unitProfileCompletion');
  if (!spec.districts.includes(req.form.district)) {
    throw refuse('onboardingFieldInvalid', `所属区局须为以下之一：${spec.districts.join('、')}`, { field: 'form.district' });
  }
  if (!spec.medicalInsuranceCodeLengths.includes(req.form.medicalInsuranceCode.length)) {
    throw refuse('onboardingFieldInvalid', `医保代码须为 ${spec.medicalInsuranceCodeLengths.join(' 位或 ')} 位数字`, { field: 'form.medicalInsuranceCode' });
  }
  if (req.certificates.length > spec.maxCertificates) throw refuse('onboardingFieldInvalid', `至多上传 ${spec.maxCertificates} 个证照文件`, { field: 'certificates' });
  const started = new Date(req.commitment.readStartedAt);
  const accepted = new Date(req.commitment.acceptedAt);
  const problem = checkCommitmentReading(started, accepted, spec.commitment.minReadSeconds);
  if (problem) throw refuse(problem.code === 'commitmentNotRead' ? 'commitmentNotRead' : 'onboardingFieldInvalid', problem.message, { field: 'commitment.acceptedAt' });
  // A clock a little ahead on the clerk's machine is tolerated; an acceptance from the future is not.
  if (accepted.getTime() > ctx.clock().getTime() + 5 * 60_000) {
    throw refuse('onboardingFieldInvalid', '承诺书的确认时间晚于服务器当前时间，请检查电脑时间', { field: 'commitment.acceptedAt' });
  }
  const files = decodeFiles(req.certificates, spec.certificateTypes, 'certificates');
  return await receive(ctx, unit, 'unitProfile', req, req.form, files, { ...req.commitment });
}

export async function requireApplication(ctx: ServerContext, applicationId: string): Promise<ApplicationRecord> {
  const a = await ctx.applications.get(applicationId);
  if (!a) throw notFound('申请');
  return a;
}

function requirePending(a: ApplicationRecord): void {
  if (a.state !== 'pending') throw refuse('applicationNotPending', `该申请当前为“${APPLICATION_STATE_LABELS[a.state]}”，只能审核申请中的申请`);
}

/** One insurance code, one account (seed 002: 一个参保编码只能在一个申工通账号中使用). */
async function codeInUse(ctx: ServerContext, code: string, unitId: string): Promise<boolean> {
  return (await ctx.applications.codeTaken(code)) || (await ctx.units.otherWithInsuranceCode(code, unitId));
}

/** 审核通过: the unit's profile takes what was applied for, and the unit hears of it. */
export async function approveApplication(ctx: ServerContext, a: ApplicationRecord, req: { staff?: string | undefined; insuranceCode?: string | undefined }): Promise<AdminApplicationView> {
  requirePending(a);
  const at = isoAt(ctx.clock);
  const unit = (await ctx.units.get(a.unitId))!;
  const profile: UnitProfile = { ...unit.profile };
  let code: string | null = null;
  if (a.kind === 'insuranceCode') {
    if (req.insuranceCode !== undefined) {
      if (await codeInUse(ctx, req.insuranceCode, unit.id)) throw refuse('onboardingFieldInvalid', `参保编码 ${req.insuranceCode} 已发给其他单位`, { field: 'insuranceCode' });
      code = req.insuranceCode;
    } else {
      do code = issuedInsuranceCode(await ctx.applications.nextCodeNumber());
      while (await codeInUse(ctx, code, unit.id));
    }
    profile.insuranceCode = code;
  } else {
    const form = a.form as { district: string; medicalInsuranceCode: string; handler: { name: string; idNumber: string } };
    profile.district = form.district;
    profile.medicalInsuranceCode = form.medicalInsuranceCode;
    profile.handler = { ...profile.handler, name: form.handler.name, idNumber: form.handler.idNumber };
  }
  await ctx.applications.decide(a.id, { state: 'approved', reason: null, insuranceCode: code, at, staff: req.staff ?? null });
  await ctx.units.updateProfile(unit.id, profile, at);
  const decided = (await ctx.applications.get(a.id))!;
  await announceReview(ctx, decided, at);
  await announceProfile(ctx, unit.id, at);
  return await adminApplicationView(ctx, decided);
}

/** 审核不通过 with the reason; the unit may edit and submit again. */
export async function rejectApplication(ctx: ServerContext, a: ApplicationRecord, reason: string, staff?: string): Promise<AdminApplicationView> {
  requirePending(a);
  const at = isoAt(ctx.clock);
  await ctx.applications.decide(a.id, { state: 'rejected', reason, insuranceCode: null, at, staff: staff ?? null });
  const decided = (await ctx.applications.get(a.id))!;
  await announceReview(ctx, decided, at);
  return await adminApplicationView(ctx, decided);
}

export async function updateHandler(ctx: ServerContext, unit: UnitRecord, req: UpdateHandler): Promise<AccountView> {
  const { spec } = await stepOf(ctx, req.schemeId, 'handlerDetails');
  if (spec.idNumber === 'required' && req.handler.idNumber === undefined) throw refuse('onboardingFieldInvalid', '请填写经办人身份证号码', { field: 'handler.idNumber' });
  if (spec.email === 'required' && req.handler.email === undefined) throw refuse('onboardingFieldInvalid', '请填写经办人邮箱', { field: 'handler.email' });
  const at = isoAt(ctx.clock);
  await ctx.units.updateProfile(unit.id, { ...unit.profile, handler: { ...req.handler } }, at);
  await announceProfile(ctx, unit.id, at);
  return accountView(ctx, (await ctx.units.get(unit.id))!);
}

export async function changeContactPhone(ctx: ServerContext, unit: UnitRecord, req: ChangeContactPhone): Promise<AccountView> {
  await stepOf(ctx, req.schemeId, 'contactPhoneChange');
  const holder = await ctx.units.byPhone(req.phone);
  if (holder && holder.id !== unit.id) throw refuse('accountExists', '该手机号码已是另一个账号的联系电话', { field: 'phone' });
  const at = isoAt(ctx.clock);
  await ctx.units.setLoginPhone(unit.id, req.phone, at);
  await ctx.units.updateProfile(unit.id, { ...unit.profile, handler: { ...unit.profile.handler, phone: req.phone } }, at);
  await announceProfile(ctx, unit.id, at);
  return accountView(ctx, (await ctx.units.get(unit.id))!);
}
