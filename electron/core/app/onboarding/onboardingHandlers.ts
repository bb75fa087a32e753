/**
 * onboarding.*: the insurance-code application (申请参保编码), the unit profile completion
 * with its timed commitment (单位信息完善 + 承诺书), the handler's details (经办人填报) and the
 * contact phone change (联系电话变更). Each is checked here by the rules the association
 * applies, saved at once and queued in the outbox in the same transaction; the association's
 * answers come back through the change feed (sync/onboardingChanges.ts).
 */
import { randomUUID } from 'node:crypto';
import type {
  ApiError,
  CommitmentReadingView,
  OnboardingApplicationView,
  OnboardingChangeView,
  OnboardingView,
  OperationHandlers,
  UnitProfile,
  ValidIn,
} from '../../../../shared/api';
import {
  APPLICATION_KIND_LABELS,
  checkCommitmentReading,
  checkOnboardingFiles,
  type ApplicationKind,
} from '../../../../shared/domain/onboarding';
import { VOUCHER_MIME, sniffVoucherType, type VoucherType } from '../../../../shared/domain/payment';
import type { OnboardingSpec, Scheme } from '../../../../shared/domain/scheme';
import { ACTIONS, parseWire, type ActionKind } from '../../../../shared/wire';
import type { AttachmentMeta, CommitmentReading, LocalApplication, OutboxAction, UnitInput } from '../../store';
import { schemeOf, storeCall, type CoreContext } from '../coreContext';
import { CoreError } from '../../coreError';

const STEP_LABELS: Readonly<Record<keyof OnboardingSpec, string>> = {
  insuranceCodeApplication: '申请参保编码',
  unitProfileCompletion: '单位信息完善',
  handlerDetails: '经办人填报',
  contactPhoneChange: '联系电话变更',
};

function stepOf<K extends keyof OnboardingSpec>(ctx: CoreContext, schemeId: string, step: K): { scheme: Scheme; spec: NonNullable<OnboardingSpec[K]> } {
  const scheme = schemeOf(ctx, schemeId);
  const spec = scheme.onboarding[step];
  if (!spec) throw new CoreError('onboardingNotOffered', `${scheme.association.name}没有“${STEP_LABELS[step]}”这一步`, 422, 'schemeId');
  return { scheme, spec: spec as NonNullable<OnboardingSpec[K]> };
}

function unitInput(unit: UnitProfile): UnitInput {
  const { registration: _r, registrationError: _e, updatedAt: _u, ...input } = unit;
  return input;
}

// ---- Views ----

function actionOf(ctx: CoreContext, actionId: string | null): OutboxAction | null {
  return actionId ? ctx.store.outbox.get(actionId) : null;
}

/** The sending state while the action is on its way; null once it arrived. */
function sendingStatus(action: OutboxAction | null): 'queued' | 'sending' | 'sendFailed' | null {
  if (!action || action.status === 'done') return null;
  if (action.status === 'pending') return 'queued';
  return action.status === 'sending' ? 'sending' : 'sendFailed';
}

function sendError(action: OutboxAction | null): ApiError | undefined {
  return action && action.status !== 'done' && action.lastError ? action.lastError : undefined;
}

/** Editable: never sent, turned down by the association, or refused on the way; a send under way holds it. */
function isEditable(app: LocalApplication | null, action: OutboxAction | null): boolean {
  if (!app || !action) return true;
  if (action.status === 'failed') return true;
  if (action.status === 'pending') return action.attempts === 0;
  if (action.status === 'sending') return false;
  return app.reviewState === 'rejected';
}

function applicationView(ctx: CoreContext, app: LocalApplication | null): OnboardingApplicationView | null {
  if (!app) return null;
  const action = actionOf(ctx, app.actionId);
  const view: OnboardingApplicationView = {
    applicationId: app.id,
    kind: app.kind,
    schemeId: app.schemeId,
    status: sendingStatus(action) ?? app.reviewState ?? 'pending',
    form: app.form,
    attachments: app.attachments,
    editable: isEditable(app, action),
    submittedAt: app.submittedAt,
  };
  const error = sendError(action);
  if (error) view.sendError = error;
  if (app.reason !== null) view.reason = app.reason;
  if (app.insuranceCode !== null) view.insuranceCode = app.insuranceCode;
  if (app.reviewedAt !== null) view.reviewedAt = app.reviewedAt;
  return view;
}

function changeView(ctx: CoreContext, unitId: string, kind: ActionKind): OnboardingChangeView | null {
  const action = actionOf(ctx, ctx.store.onboarding.latestActionId(unitId, kind));
  if (!action) return null;
  const body = (action.payload as { body?: Record<string, unknown> }).body ?? {};
  const { schemeId: _s, ...values } = body;
  const view: OnboardingChangeView = { status: sendingStatus(action) ?? 'done', values, requestedAt: action.createdAt };
  const error = sendError(action);
  if (error) view.sendError = error;
  return view;
}

function onboardingView(ctx: CoreContext, unitId: string, schemeId: string): OnboardingView {
  const unit = storeCall(() => ctx.store.units.require(unitId));
  const scheme = schemeOf(ctx, schemeId);
  const reported = ctx.store.onboarding.accountSnapshot(unitId);
  const account: OnboardingView['account'] = { handler: unit.handler };
  if (unit.insuranceCode !== undefined) account.insuranceCode = unit.insuranceCode;
  if (unit.medicalInsuranceCode !== undefined) account.medicalInsuranceCode = unit.medicalInsuranceCode;
  if (reported?.district !== undefined) account.district = reported.district;
  if (reported) account.loginPhone = reported.loginPhone;
  return {
    unitId,
    schemeId,
    associationName: scheme.association.name,
    steps: scheme.onboarding,
    insuranceCode: applicationView(ctx, ctx.store.onboarding.application(unitId, 'insuranceCode')),
    unitProfile: applicationView(ctx, ctx.store.onboarding.application(unitId, 'unitProfile')),
    handler: changeView(ctx, unitId, 'updateHandler'),
    contactPhone: changeView(ctx, unitId, 'changeContactPhone'),
    account,
  };
}

// ---- Applications ----

interface FileInput {
  name: string;
  base64: string;
}

function checkFiles(files: readonly FileInput[], allowed: readonly VoucherType[], limits: { min: number; max: number }, field: string): AttachmentMeta[] {
  const decoded = files.map((f) => ({ name: f.name, bytes: Buffer.from(f.base64, 'base64') }));
  const problem = checkOnboardingFiles(decoded, allowed, limits);
  if (problem) throw new CoreError(problem.problem.code, problem.problem.message, 422, problem.index === null ? field : `${field}.${problem.index}`);
  return decoded.map((f) => ({ name: f.name, type: VOUCHER_MIME[sniffVoucherType(f.bytes)!], bytes: f.bytes.length }));
}

function notEditableMessage(kind: ApplicationKind, view: OnboardingApplicationView): string {
  const what = APPLICATION_KIND_LABELS[kind];
  if (view.status === 'queued' || view.status === 'sending') return `${what}正在发送，发送完成后才能修改`;
  if (view.status === 'approved') return `${what}已审核通过，如需修改请联系互助会工作人员`;
  return `${what}正在审核（申请中），审核完毕前不能修改`;
}

/**
 * Saves a submission and queues its action in one transaction. An earlier submission that
 * was never sent is replaced rather than sent too.
 */
function queueApplication(
  ctx: CoreContext,
  unitId: string,
  kind: ApplicationKind,
  actionKind: 'applyInsuranceCode' | 'submitUnitProfile',
  build: (clientApplicationId: string) => Record<string, unknown>,
  form: Record<string, unknown>,
  attachments: AttachmentMeta[],
  also?: (applicationId: string) => void,
): void {
  const existing = ctx.store.onboarding.application(unitId, kind);
  const current = applicationView(ctx, existing);
  if (current && !current.editable) throw new CoreError('applicationNotEditable', notEditableMessage(kind, current), 409);
  const id = existing?.id ?? `app-${randomUUID()}`;
  const body = build(id);
  const checked = parseWire(ACTIONS[actionKind].body, body);
  if (!checked.ok) throw new CoreError(checked.error.code, checked.error.message, 422, checked.error.field);
  ctx.store.transaction(() => {
    const previous = actionOf(ctx, existing?.actionId ?? null);
    if (previous && previous.status === 'pending' && previous.attempts === 0) ctx.store.outbox.cancelUnsent(previous.id);
    const action = ctx.store.outbox.enqueue({ kind: actionKind, unitId, payload: { body } });
    ctx.store.onboarding.saveSubmission({ id, unitId, kind, schemeId: body.schemeId as string, form, attachments, actionId: action.id });
    also?.(id);
  });
}

function applyInsuranceCode(ctx: CoreContext, input: ValidIn<'onboarding.applyInsuranceCode'>): OnboardingView {
  storeCall(() => ctx.store.units.require(input.unitId));
  const { spec } = stepOf(ctx, input.schemeId, 'insuranceCodeApplication');
  const attachments = checkFiles(input.attachments, spec.attachmentTypes, { min: spec.minAttachments, max: spec.maxAttachments }, 'attachments');
  queueApplication(
    ctx,
    input.unitId,
    'insuranceCode',
    'applyInsuranceCode',
    (clientApplicationId) => ({ clientApplicationId, schemeId: input.schemeId, form: input.form, attachments: input.attachments }),
    input.form,
    attachments,
  );
  return onboardingView(ctx, input.unitId, input.schemeId);
}

// ---- The commitment ----

function readingView(ctx: CoreContext, r: CommitmentReading): CommitmentReadingView {
  const { spec } = stepOf(ctx, r.schemeId, 'unitProfileCompletion');
  const view: CommitmentReadingView = {
    readingId: r.id,
    title: r.title,
    paragraphs: spec.commitment.paragraphs,
    minReadSeconds: r.minReadSeconds,
    startedAt: r.startedAt,
    acceptableAt: new Date(new Date(r.startedAt).getTime() + r.minReadSeconds * 1000).toISOString(),
  };
  if (r.acceptedAt !== null) view.acceptedAt = r.acceptedAt;
  return view;
}

function startCommitment(ctx: CoreContext, input: ValidIn<'onboarding.startCommitment'>): CommitmentReadingView {
  storeCall(() => ctx.store.units.require(input.unitId));
  const { spec } = stepOf(ctx, input.schemeId, 'unitProfileCompletion');
  const reading = ctx.store.onboarding.startReading({
    id: `reading-${randomUUID()}`,
    unitId: input.unitId,
    schemeId: input.schemeId,
    title: spec.commitment.title,
    minReadSeconds: spec.commitment.minReadSeconds,
  });
  return readingView(ctx, reading);
}

function acceptCommitment(ctx: CoreContext, input: ValidIn<'onboarding.acceptCommitment'>): CommitmentReadingView {
  const reading = storeCall(() => ctx.store.onboarding.requireReading(input.readingId));
  if (reading.acceptedAt === null) {
    const now = ctx.now();
    const problem = checkCommitmentReading(new Date(reading.startedAt), now, reading.minReadSeconds);
    if (problem) throw new CoreError(problem.code, problem.message, 422, 'readingId');
    ctx.store.onboarding.acceptReading(reading.id, now.toISOString());
  }
  return readingView(ctx, ctx.store.onboarding.requireReading(reading.id));
}

/** The accepted reading a submission goes with: this unit's, this scheme's, accepted after the minimum time, not used before. */
function acceptedReading(ctx: CoreContext, readingId: string, unitId: string, schemeId: string): CommitmentReading & { acceptedAt: string } {
  const reading = ctx.store.onboarding.reading(readingId);
  if (!reading || reading.unitId !== unitId || reading.schemeId !== schemeId) {
    throw new CoreError('commitmentNotRead', '请先阅读《承诺书》并点击“我已阅读完成”', 422, 'readingId');
  }
  if (reading.acceptedAt === null) throw new CoreError('commitmentNotRead', `请阅读《${reading.title}》并点击“我已阅读完成”后再提交`, 422, 'readingId');
  const problem = checkCommitmentReading(new Date(reading.startedAt), new Date(reading.acceptedAt), reading.minReadSeconds);
  if (problem) throw new CoreError(problem.code, problem.message, 422, 'readingId');
  if (reading.usedBy !== null) throw new CoreError('commitmentNotRead', `《${reading.title}》的确认已随上次提交使用，请重新阅读后再提交`, 422, 'readingId');
  return { ...reading, acceptedAt: reading.acceptedAt };
}

function submitUnitProfile(ctx: CoreContext, input: ValidIn<'onboarding.submitUnitProfile'>): OnboardingView {
  storeCall(() => ctx.store.units.require(input.unitId));
  const { spec } = stepOf(ctx, input.schemeId, 'unitProfileCompletion');
  if (!spec.districts.includes(input.form.district)) {
    throw new CoreError('onboardingFieldInvalid', `所属区局须为以下之一：${spec.districts.join('、')}`, 422, 'form.district');
  }
  if (!spec.medicalInsuranceCodeLengths.includes(input.form.medicalInsuranceCode.length)) {
    throw new CoreError('onboardingFieldInvalid', `医保代码须为 ${spec.medicalInsuranceCodeLengths.join(' 位或 ')} 位数字`, 422, 'form.medicalInsuranceCode');
  }
  const certificates = checkFiles(input.certificates, spec.certificateTypes, { min: 1, max: spec.maxCertificates }, 'certificates');
  const reading = acceptedReading(ctx, input.readingId, input.unitId, input.schemeId);
  queueApplication(
    ctx,
    input.unitId,
    'unitProfile',
    'submitUnitProfile',
    (clientApplicationId) => ({
      clientApplicationId,
      schemeId: input.schemeId,
      form: input.form,
      certificates: input.certificates,
      commitment: { title: reading.title, readStartedAt: reading.startedAt, acceptedAt: reading.acceptedAt },
    }),
    input.form,
    certificates,
    (applicationId) => ctx.store.onboarding.useReading(reading.id, applicationId),
  );
  return onboardingView(ctx, input.unitId, input.schemeId);
}

// ---- Account changes, applied by the association at once ----

function updateHandler(ctx: CoreContext, input: ValidIn<'onboarding.updateHandler'>): OnboardingView {
  const unit = storeCall(() => ctx.store.units.require(input.unitId));
  const { spec } = stepOf(ctx, input.schemeId, 'handlerDetails');
  if (spec.idNumber === 'required' && input.handler.idNumber === undefined) throw new CoreError('onboardingFieldInvalid', '请填写经办人身份证号码', 422, 'handler.idNumber');
  if (spec.email === 'required' && input.handler.email === undefined) throw new CoreError('onboardingFieldInvalid', '请填写经办人邮箱', 422, 'handler.email');
  const body = { schemeId: input.schemeId, handler: input.handler };
  ctx.store.transaction(() => {
    ctx.store.units.save({ ...unitInput(unit), handler: { ...input.handler } }, ctx.clerk());
    ctx.store.outbox.enqueue({ kind: 'updateHandler', unitId: unit.id, payload: { body } });
  });
  return onboardingView(ctx, unit.id, input.schemeId);
}

function changeContactPhone(ctx: CoreContext, input: ValidIn<'onboarding.changeContactPhone'>): OnboardingView {
  const unit = storeCall(() => ctx.store.units.require(input.unitId));
  stepOf(ctx, input.schemeId, 'contactPhoneChange');
  if (unit.handler.phone === input.phone) throw new CoreError('onboardingFieldInvalid', '新的联系电话与当前的相同', 422, 'phone');
  ctx.store.transaction(() => {
    ctx.store.units.save({ ...unitInput(unit), handler: { ...unit.handler, phone: input.phone } }, ctx.clerk());
    ctx.store.outbox.enqueue({ kind: 'changeContactPhone', unitId: unit.id, payload: { body: { schemeId: input.schemeId, phone: input.phone } } });
  });
  return onboardingView(ctx, unit.id, input.schemeId);
}

/** `wake` tells the sync engine an action is waiting, so it goes at once rather than at the next scheduled run. */
export function onboardingHandlers(
  ctx: CoreContext,
  wake: () => void = () => {},
): Pick<
  OperationHandlers,
  | 'onboarding.get'
  | 'onboarding.applyInsuranceCode'
  | 'onboarding.startCommitment'
  | 'onboarding.acceptCommitment'
  | 'onboarding.submitUnitProfile'
  | 'onboarding.updateHandler'
  | 'onboarding.changeContactPhone'
> {
  const queued = (view: OnboardingView): OnboardingView => {
    wake();
    return view;
  };
  return {
    'onboarding.get': async ({ unitId, schemeId }) => onboardingView(ctx, unitId, schemeId),
    'onboarding.applyInsuranceCode': async (input) => queued(applyInsuranceCode(ctx, input)),
    'onboarding.startCommitment': async (input) => startCommitment(ctx, input),
    'onboarding.acceptCommitment': async (input) => acceptCommitment(ctx, input),
    'onboarding.submitUnitProfile': async (input) => queued(submitUnitProfile(ctx, input)),
    'onboarding.updateHandler': async (input) => queued(updateHandler(ctx, input)),
    'onboarding.changeContactPhone': async (input) => queued(changeContactPhone(ctx, input)),
  };
}
