/**
 * The checks on one roster row (SPEC 3.3): cells normalised, required columns, the
 * identity document, birth date and gender, phone and bank card, the scheme's value lists,
 * and eligibility for the batch's plans. Pure: the same row and context give the same
 * findings, so a row edited in place is re-checked exactly as an imported one.
 */
import { compareDates, type IsoDate, type Period } from '../dates';
import {
  assessPlan,
  birthDateKey,
  checkSelection,
  eligiblePlans,
  selectionForPerson,
  type EligibilityContext,
  type PersonFacts,
  type PlanChoice,
  type Refusal,
  type RefusalCode,
  type SocialSecurityStatus,
} from '../eligibility';
import {
  checkBankCard,
  checkIdDocument,
  checkMobile,
  documentCarriesBirthData,
  documentKindOfLabel,
  guessDocumentKind,
  ID_DOCUMENT_KIND_LABELS,
  type IdDocumentKind,
  scientificNotationFinding,
  type IdFinding,
} from '../identity';
import { findPlan, GENDER_LABELS, planLabel, planLabels, type EnrollmentType, type Gender, type RosterColumn, type Scheme } from '../scheme';
import { cleanCellText, compactCellText } from './cellText';
import { columnRuleFindings, foldByColumnRules } from './columnRules';
import { checkEffectiveDate, withCoverStart } from './effectiveDate';
import { parseRosterDate } from './excelDates';
import { readEmploymentStatus, readGender, readShares, readSocialSecurity, readYesNo, splitList, type EmploymentStatus } from './fieldValues';
import type { RawRosterRow, RosterField } from './fields';
import type { RosterFinding } from './findings';

export interface RowCheckContext {
  scheme: Scheme;
  enrollmentType: EnrollmentType;
  /** Today in China: no birth date may be later. */
  today: IsoDate;
  submissionDate: IsoDate;
  /** The first day of cover, when known. */
  coverStart: IsoDate | null;
  /** The unit's choice of plans, for schemes where the batch chooses (selectionScope batch). */
  selection: readonly PlanChoice[];
  /** The unit has confirmed the over-age commitment (超龄人员承诺书) for the persons it keeps. */
  overAgeCommitmentSigned: boolean;
  /** 保全: the policy in force the persons join, bounding each person's own effective date. */
  policyPeriod?: Period;
}

/** The facts read off a row, for pricing, duplicate checks and documents. */
export interface CheckedPerson {
  name: string;
  documentKind: IdDocumentKind | null;
  /** Normalised (upper-case, 15 digits converted); the key of every duplicate check. Empty when not given. */
  documentNumber: string;
  birthDate?: IsoDate;
  gender?: Gender;
  socialSecurity: SocialSecurityStatus;
  socialSecurityCode?: string;
  employmentStatus?: EmploymentStatus;
  medicalInService: boolean;
  newEmploymentForm: boolean;
  /** The plans this person takes (empty when the row cannot be enrolled). */
  plans: PlanChoice[];
  /** Plans kept only through the over-age exception: these persons go on the commitment letter. */
  keptOverAge: string[];
  /** 保全: the person's own first day of cover (生效日期), when the row gives one. */
  coverStart?: IsoDate;
}

export interface RowCheck {
  /** The row as stored: every cell cleaned of what Excel and IMEs add, vocabularies folded to the template's words. */
  values: RawRosterRow;
  person: CheckedPerson;
  findings: RosterFinding[];
}

// Fields holding numbers and codes lose every space; the others keep inner single spaces (foreign names).
const COMPACT_FIELDS: ReadonlySet<RosterField> = new Set(['documentNumber', 'phone', 'bankCard', 'socialSecurityCode', 'shares']);
const YES_NO_FIELDS: ReadonlySet<RosterField> = new Set(['medicalInService', 'newEmploymentForm']);

/** Refusals the clerk must resolve before the row can go; the rest only say which of the batch's plans the person does not take. */
const BLOCKING_REFUSALS: ReadonlySet<RefusalCode> = new Set(['overAge', 'overAgeNeedsMedicalInService', 'overAgeNeedsCommitment', 'birthDateUnknown', 'genderUnknown', 'retiredNotAllowed']);
const TO_CONFIRM_REFUSALS: ReadonlySet<RefusalCode> = new Set(['socialSecurityUnknown']);

function columnOf(scheme: Scheme, field: RosterField): RosterColumn | undefined {
  return scheme.roster.columns.find((c) => c.key === field);
}

function headerOf(scheme: Scheme, field: RosterField): string {
  return columnOf(scheme, field)?.header.replace(/^\*/, '').replace(/\s*[(（].*$/, '') ?? field;
}

const labelsByScheme = new WeakMap<Scheme, ReadonlyMap<IdDocumentKind, string>>();

/** The document kinds the scheme accepts, each with the scheme's first label for it (asked for every row). */
function documentLabels(scheme: Scheme): ReadonlyMap<IdDocumentKind, string> {
  let labels = labelsByScheme.get(scheme);
  if (!labels) {
    const byKind = new Map<IdDocumentKind, string>();
    for (const label of scheme.roster.documentTypes) {
      const kind = documentKindOfLabel(label);
      if (kind && !byKind.has(kind)) byKind.set(kind, label);
    }
    labelsByScheme.set(scheme, (labels = byKind));
  }
  return labels;
}

/** The scheme's own word for a value written another way (男性 → 男, 有 → 是, 居民身份证 → 身份证). */
function foldToTemplateWord(scheme: Scheme, field: RosterField, value: string): string {
  if (value === '') return value;
  if (field === 'gender') {
    const g = readGender(value);
    return g ? GENDER_LABELS[g] : value;
  }
  if (field === 'socialSecurity') {
    const s = readSocialSecurity(value);
    return s === 'yes' ? '是' : s === 'no' ? '否' : s === 'unknown' ? '-' : value;
  }
  if (YES_NO_FIELDS.has(field)) {
    const b = readYesNo(value);
    return b === null ? value : b ? '是' : '否';
  }
  if (field === 'documentType') {
    const kind = documentKindOfLabel(value);
    return (kind && documentLabels(scheme).get(kind)) ?? value;
  }
  return value;
}

export function cleanRow(scheme: Scheme, raw: RawRosterRow): RawRosterRow {
  const out: RawRosterRow = {};
  for (const k in raw) {
    const key = k as RosterField;
    const value = raw[key];
    if (value === undefined) continue;
    let v = COMPACT_FIELDS.has(key) ? compactCellText(value) : cleanCellText(value);
    v = key === 'documentNumber' ? v.toUpperCase() : foldByColumnRules(columnOf(scheme, key), v);
    v = foldToTemplateWord(scheme, key, v);
    if (v !== '') out[key] = v;
  }
  return out;
}

class Findings {
  readonly list: RosterFinding[] = [];
  add(code: string, severity: RosterFinding['severity'], message: string, hint?: string, field?: RosterField): void {
    const f: RosterFinding = { code, severity, message };
    if (hint) f.hint = hint;
    if (field) f.field = field;
    this.list.push(f);
  }
  fieldHasError(field: RosterField): boolean {
    return this.list.some((f) => f.field === field && f.severity === 'error');
  }
  fromId(found: readonly IdFinding[], field: RosterField, prefix = ''): void {
    for (const f of found) this.add(f.code, f.severity, prefix + f.message, f.hint, field);
  }
}

function requiredNow(col: RosterColumn, values: RawRosterRow, lacksBirthData: boolean): boolean {
  if (col.required) return true;
  const when = col.requiredWhen;
  if (!when) return false;
  if (when.kind === 'documentLacksBirthData') return lacksBirthData;
  const other = values[when.field];
  return other !== undefined && when.values.includes(other);
}

interface DocumentFacts {
  kind: IdDocumentKind | null;
  number: string;
  carriesBirthData: boolean;
  birthDate?: IsoDate;
  gender?: Gender;
}

function checkDocument(ctx: RowCheckContext, values: RawRosterRow, out: Findings): DocumentFacts {
  const { scheme } = ctx;
  const number = values.documentNumber ?? '';
  const label = values.documentType;
  let kind: IdDocumentKind | null = label ? documentKindOfLabel(label) : number ? guessDocumentKind(number) : null;
  if (label && !kind) {
    out.add('documentTypeUnknown', 'error', `证件类型“${label}”无法识别`, `请填写：${scheme.roster.documentTypes.join('、')}`, 'documentType');
  }
  if (kind && !documentLabels(scheme).has(kind)) {
    out.add('documentTypeNotAccepted', 'error', `本方案不接受${ID_DOCUMENT_KIND_LABELS[kind]}参保`, `可接受的证件：${scheme.roster.documentTypes.join('、')}`, label ? 'documentType' : 'documentNumber');
    kind = null;
  }
  if (number === '') return { kind, number, carriesBirthData: false };
  if (!kind) {
    const lost = scientificNotationFinding('证件号码', number);
    if (lost) out.fromId([lost], 'documentNumber');
    else if (!label) out.add('documentTypeUnknown', 'error', `无法识别证件号码“${number}”属于哪种证件`, `请核对号码，或填写证件类型（${scheme.roster.documentTypes.join('、')}）`, 'documentNumber');
    return { kind, number, carriesBirthData: false };
  }
  const result = checkIdDocument(kind, number, ctx.today);
  out.fromId(result.findings, 'documentNumber');
  // A 15-digit number stays as the clerk wrote it (the warning asks them to change it), so the stored row checks to the same; the person takes the 18-digit form.
  if (!result.findings.some((f) => f.code === 'idConvertedFrom15')) values.documentNumber = result.normalized;
  const facts: DocumentFacts = { kind, number: result.normalized, carriesBirthData: documentCarriesBirthData(kind, result.normalized) };
  if (result.birthDate) facts.birthDate = result.birthDate;
  if (result.gender) facts.gender = result.gender;
  return facts;
}

function checkBirthDataColumns(ctx: RowCheckContext, values: RawRosterRow, doc: DocumentFacts, out: Findings): { birthDate?: IsoDate; gender?: Gender } {
  const { scheme } = ctx;
  let birthDate = doc.birthDate;
  let gender = doc.gender;
  if (values.birthDate) {
    const parsed = parseRosterDate(values.birthDate);
    if (!parsed) {
      out.add('birthDateInvalid', 'error', `出生日期“${values.birthDate}”不是有效日期`, '请按 1990-01-01 的格式填写', 'birthDate');
    } else if (compareDates(parsed, ctx.today) > 0) {
      out.add('birthDateFuture', 'error', `出生日期 ${parsed} 晚于今天`, '请核对出生日期', 'birthDate');
    } else {
      values.birthDate = parsed;
      if (doc.birthDate && doc.birthDate !== parsed) {
        out.add('birthDateMismatch', 'warning', `出生日期 ${parsed} 与证件号码中的 ${doc.birthDate} 不一致，以证件号码为准`, '请核对出生日期或证件号码', 'birthDate');
      }
      birthDate ??= parsed;
    }
  }
  if (values.gender) {
    const g = readGender(values.gender);
    if (!g) {
      if (!out.fieldHasError('gender')) out.add('genderInvalid', 'error', `性别“${values.gender}”无法识别`, '请填写“男”或“女”', 'gender');
    } else {
      if (doc.gender && doc.gender !== g) {
        out.add('genderMismatch', 'warning', `性别“${GENDER_LABELS[g]}”与证件号码不一致（应为${GENDER_LABELS[doc.gender]}），以证件号码为准`, '请核对性别或证件号码', 'gender');
      }
      gender ??= g;
    }
  }
  for (const col of scheme.roster.columns) {
    if ((col.key === 'birthDate' || col.key === 'gender') && !values[col.key] && !col.required && requiredNow(col, values, doc.kind !== null && !doc.carriesBirthData)) {
      const what = doc.kind ? ID_DOCUMENT_KIND_LABELS[doc.kind] : '该证件';
      out.add('missingField', 'error', `${what}不含${col.key === 'birthDate' ? '出生日期' : '性别'}，“${headerOf(scheme, col.key)}”必须填写`, `请填写${headerOf(scheme, col.key)}`, col.key);
    }
  }
  const result: { birthDate?: IsoDate; gender?: Gender } = {};
  if (birthDate) result.birthDate = birthDate;
  if (gender) result.gender = gender;
  return result;
}

function checkColumns(scheme: Scheme, values: RawRosterRow, out: Findings): void {
  for (const col of scheme.roster.columns) {
    const v = values[col.key];
    if (v === undefined) {
      if (col.required) out.add('missingField', 'error', `缺少必填项“${headerOf(scheme, col.key)}”`, `请填写${headerOf(scheme, col.key)}`, col.key);
      continue;
    }
    if (col.enumValues && !col.enumValues.includes(v)) {
      out.add('valueNotAllowed', 'error', `“${headerOf(scheme, col.key)}”不能填写“${v}”`, `只能填写：${col.enumValues.join('、')}`, col.key);
    }
    if (col.rules.length > 0) out.list.push(...columnRuleFindings(col, headerOf(scheme, col.key), v));
  }
}

function checkContactFields(values: RawRosterRow, out: Findings): void {
  if (values.name !== undefined) {
    if (/\d/.test(values.name)) out.add('nameInvalid', 'error', `姓名“${values.name}”中含有数字`, '请核对姓名是否与证件号码等列错位', 'name');
    else if (values.name.length > 50 && [...values.name].length > 50) out.add('nameInvalid', 'error', '姓名超过 50 个字', '请核对姓名', 'name');
  }
  if (values.phone !== undefined) {
    const r = checkMobile(values.phone);
    out.fromId(r.findings, 'phone');
    values.phone = r.normalized;
  }
  if (values.bankCard !== undefined) {
    const r = checkBankCard(values.bankCard);
    out.fromId(r.findings, 'bankCard');
    values.bankCard = r.normalized;
  }
}

function readSocialSecurityFacts(values: RawRosterRow): { status: SocialSecurityStatus; employment?: EmploymentStatus } {
  const employment = values.employmentStatus ? readEmploymentStatus(values.employmentStatus) ?? undefined : undefined;
  let status: SocialSecurityStatus = values.socialSecurity ? readSocialSecurity(values.socialSecurity) ?? 'unknown' : 'unknown';
  // Shanghai: 职退情况 "-" means the past rosters do not know; 是否有社保 "否" beside it is no answer either, until the clerk sets the person in service.
  if (employment === 'unknown' && status !== 'yes') status = 'unknown';
  const out: { status: SocialSecurityStatus; employment?: EmploymentStatus } = { status };
  if (employment) out.employment = employment;
  return out;
}

/** Groups refusals of the same kind across plans into one finding: "已超龄，不能参加A0（另涉及 B0、C0）". */
function addRefusals(scheme: Scheme, refused: readonly { planCode: string; refusals: readonly Refusal[] }[], out: Findings, severityFor: (code: RefusalCode) => RosterFinding['severity']): void {
  const byCode = new Map<RefusalCode, { first: Refusal; plans: string[] }>();
  for (const r of refused) {
    for (const refusal of r.refusals) {
      const entry = byCode.get(refusal.code);
      if (entry) entry.plans.push(r.planCode);
      else byCode.set(refusal.code, { first: refusal, plans: [r.planCode] });
    }
  }
  for (const [code, { first, plans }] of byCode) {
    const others = plans.length > 1 ? `（另涉及 ${planLabels(scheme, plans.slice(1))}）` : '';
    out.add(code, severityFor(code), first.message + others, first.hint);
  }
}

function batchScopeSeverity(code: RefusalCode): RosterFinding['severity'] {
  return BLOCKING_REFUSALS.has(code) ? 'error' : TO_CONFIRM_REFUSALS.has(code) ? 'warning' : 'info';
}

/** The plans a row names (by code or name), with its shares; null when it names one the scheme lacks. */
function plansOfRow(ctx: RowCheckContext, values: RawRosterRow, out: Findings): PlanChoice[] {
  const shares = values.shares ? readShares(values.shares) : 1;
  if (shares === null) {
    out.add('sharesInvalid', 'error', `份数“${values.shares}”不是正整数`, '请填写 1、2 等整数份数', 'shares');
  }
  if (!values.plans) return [];
  const chosen: PlanChoice[] = [];
  for (const word of splitList(values.plans)) {
    const plan = findPlan(ctx.scheme, word) ?? ctx.scheme.plans.find((p) => p.name === word || p.shortName === word);
    if (!plan) {
      out.add('planUnknown', 'error', `没有保障项目“${word}”`, `可选：${ctx.scheme.plans.map((p) => planLabel(ctx.scheme, p)).join('、')}`, 'plans');
      continue;
    }
    if (!chosen.some((c) => c.planCode === plan.code)) chosen.push({ planCode: plan.code, shares: shares ?? 1 });
  }
  return chosen;
}

// A roster has far fewer distinct (birth date, gender, status…) combinations than rows, and
// eligibility is pure in them: judge each combination once per check run (one context object).
const eligibilityMemo = new WeakMap<RowCheckContext, Map<string, unknown>>();

// Every row asks the memo at least twice: small keys and no get after has.
function memoised<T>(ctx: RowCheckContext, key: string, compute: () => T): T {
  let memo = eligibilityMemo.get(ctx);
  if (!memo) eligibilityMemo.set(ctx, (memo = new Map()));
  const known = memo.get(key);
  if (known !== undefined || memo.has(key)) return known as T;
  const value = compute();
  memo.set(key, value);
  return value;
}

const GENDER_CODE = { male: 'm', female: 'f' } as const;
const BASELINE_CODE = { female50: '5', female55: '6' } as const;
const SOCIAL_SECURITY_CODE = { yes: 0, no: 1, unknown: 2 } as const;

function factsKey(ctx: RowCheckContext, f: PersonFacts, elCtx: EligibilityContext): string {
  const person = `${f.gender ? GENDER_CODE[f.gender] : '-'}${f.femaleRetirementBaseline ? BASELINE_CODE[f.femaleRetirementBaseline] : '-'}`;
  const birth = memoised(ctx, `${f.birthDate ?? ''}${person}`, () => birthDateKey(ctx.scheme, f, elCtx));
  const flags = SOCIAL_SECURITY_CODE[f.socialSecurity] * 16 + (f.retired ? 8 : 0) + (f.medicalInService ? 4 : 0) + (f.overAgeCommitment ? 2 : 0) + (f.newEmploymentForm ? 1 : 0);
  return `${birth}|${person}${flags}`;
}

function checkEligibility(ctx: RowCheckContext, values: RawRosterRow, facts: PersonFacts, out: Findings): { plans: PlanChoice[]; keptOverAge: string[] } {
  const { scheme } = ctx;
  const elCtx: EligibilityContext = { enrollmentType: ctx.enrollmentType, submissionDate: ctx.submissionDate, coverStart: ctx.coverStart };
  const key = factsKey(ctx, facts, elCtx);
  if (scheme.selectionScope === 'batch') {
    if (ctx.selection.length === 0) {
      const r = memoised(ctx, `a${key}`, () => eligiblePlans(scheme, facts, elCtx));
      if (r.eligible.length === 0) {
        addRefusals(scheme, r.refused, out, () => 'error');
        out.add('noEligiblePlan', 'error', '该人员不能参加本方案的任何保障项目', '请根据上面的原因修改该人员信息，或将其移除');
      }
      return { plans: [], keptOverAge: r.keptOverAge };
    }
    const ps = memoised(ctx, `b${key}`, () => selectionForPerson(scheme, ctx.selection, facts, elCtx));
    addRefusals(scheme, ps.dropped, out, batchScopeSeverity);
    for (const v of ps.violations) out.add(v.code, v.severity, v.message, v.hint);
    if (ps.selection.length === 0) {
      out.add('noEligiblePlan', 'error', '该人员不能参加本批次所选的任何保障项目', '请根据上面的原因修改该人员信息，或将其移除');
    }
    return { plans: [...ps.selection], keptOverAge: ps.keptOverAge };
  }

  const chosen = plansOfRow(ctx, values, out);
  if (chosen.length === 0) {
    if (!out.list.some((f) => f.code === 'planUnknown')) out.add('planMissing', 'error', '未选择保障项目', '请为该人员填写保障项目，或按保障活动分别导入', 'plans');
    return { plans: [], keptOverAge: [] };
  }
  const verdicts = chosen.map((c) => memoised(ctx, `p${c.planCode}|${key}`, () => assessPlan(scheme, findPlan(scheme, c.planCode)!, facts, elCtx)));
  addRefusals(scheme, verdicts.filter((v) => !v.eligible), out, () => 'error');
  const plans = chosen.filter((_, i) => verdicts[i]!.eligible);
  if (plans.length > 0) {
    for (const v of checkSelection(scheme, plans, { enrollmentType: ctx.enrollmentType, scope: 'person' })) out.add(v.code, v.severity, v.message, v.hint, 'plans');
  }
  return { plans, keptOverAge: verdicts.filter((v) => v.keptOverAge).map((v) => v.planCode) };
}

/** Checks one row. `raw` is the row as read from the file or typed; it is not changed. */
export function checkRosterRow(raw: RawRosterRow, ctx: RowCheckContext): RowCheck {
  const { scheme } = ctx;
  const values = cleanRow(scheme, raw);
  const out = new Findings();

  checkColumns(scheme, values, out);
  const doc = checkDocument(ctx, values, out);
  const birth = checkBirthDataColumns(ctx, values, doc, out);
  checkContactFields(values, out);
  const ss = readSocialSecurityFacts(values);
  if (values.socialSecurity !== undefined && readSocialSecurity(values.socialSecurity) === null && !out.fieldHasError('socialSecurity')) {
    out.add('valueNotAllowed', 'error', `“${headerOf(scheme, 'socialSecurity')}”不能填写“${values.socialSecurity}”`, '请填写“是”或“否”', 'socialSecurity');
  }

  const medicalInService = values.medicalInService ? readYesNo(values.medicalInService) === true : false;
  const facts: PersonFacts = {
    socialSecurity: ss.status,
    medicalInService,
    overAgeCommitment: medicalInService && ctx.overAgeCommitmentSigned,
    newEmploymentForm: values.newEmploymentForm ? readYesNo(values.newEmploymentForm) === true : false,
  };
  if (ss.employment === 'retired') facts.retired = true;
  if (birth.birthDate) facts.birthDate = birth.birthDate;
  if (birth.gender) facts.gender = birth.gender;

  const effective = checkEffectiveDate(values.effectiveDate, ctx);
  if (effective.value !== undefined) values.effectiveDate = effective.value;
  for (const f of effective.findings) out.add(f.code, f.severity, f.message, f.hint, f.field);
  const { plans, keptOverAge } = checkEligibility(effective.start ? withCoverStart(ctx, effective.start) : ctx, values, facts, out);
  if (ss.status === 'unknown' && ss.employment === 'unknown' && !out.list.some((f) => f.code === 'socialSecurityUnknown')) {
    out.add('socialSecurityUnknown', 'warning', '职退情况为“-”：该人员在历史清册中社保状态不明', '如确认其在职且正常缴纳社保，请设置为在职（有社保）', 'employmentStatus');
  }
  if (keptOverAge.length > 0) {
    out.add('keptOverAge', 'info', `在职超龄，按“医保享受在职待遇”及单位承诺保留：${planLabels(scheme, keptOverAge)}`, '该人员将列入超龄人员承诺书', 'medicalInService');
  }

  const person: CheckedPerson = {
    name: values.name ?? '',
    documentKind: doc.kind,
    documentNumber: doc.number,
    socialSecurity: ss.status,
    medicalInService,
    newEmploymentForm: facts.newEmploymentForm ?? false,
    plans,
    keptOverAge,
  };
  if (birth.birthDate) person.birthDate = birth.birthDate;
  if (birth.gender) person.gender = birth.gender;
  if (values.socialSecurityCode) person.socialSecurityCode = values.socialSecurityCode;
  if (ss.employment) person.employmentStatus = ss.employment;
  if (effective.start) person.coverStart = effective.start;
  return { values, person, findings: out.list };
}
