/**
 * Which plans a person may take: gender, social security, new forms of employment, the
 * enrollment type, and age limits with their over-age exception.
 */
import { ageOn, type IsoDate } from '../dates';
import { formatRetirementAge, hasReachedRetirementAge, retirementDate, statutoryRetirementAge, type RetirementBaseline } from '../retirementAge';
import { ENROLLMENT_TYPE_LABELS, GENDER_LABELS, planLabel, type AgeLimit, type Plan, type Scheme } from '../scheme';
import type { EligibilityContext, PersonFacts, PlanVerdict, Refusal } from './types';

function ageReferenceDate(limit: AgeLimit, ctx: EligibilityContext): { date: IsoDate; label: string } {
  switch (limit.on.kind) {
    case 'coverStart':
      return ctx.coverStart ? { date: ctx.coverStart, label: '保障开始日' } : { date: ctx.submissionDate, label: '提交日' };
    case 'submission':
      return { date: ctx.submissionDate, label: '提交日' };
    case 'fixedDate':
      return { date: limit.on.date, label: '' };
  }
}

type AgedPerson = PersonFacts & { birthDate: IsoDate; gender: 'male' | 'female' };

/** Whether the person is over the limit on its reference date (no words: most people are not, and a roster asks this for every row). */
function isOverAge(limit: AgeLimit, person: AgedPerson, ctx: EligibilityContext): boolean {
  const ref = ageReferenceDate(limit, ctx).date;
  if (limit.limit.kind === 'fixedAges') return ageOn(person.birthDate, ref) >= (person.gender === 'male' ? limit.limit.male : limit.limit.female);
  return hasReachedRetirementAge(person.birthDate, retirementBaseline(limit, person), ref);
}

function retirementBaseline(limit: AgeLimit, person: AgedPerson): RetirementBaseline {
  if (limit.limit.kind !== 'statutoryRetirement') throw new RangeError('not a retirement-age limit');
  return person.gender === 'male' ? 'male60' : (person.femaleRetirementBaseline ?? limit.limit.femaleBaseline);
}

/** The limit and how the person stands against it, e.g. 女性须未满55周岁（按保障开始日 2020-04-01 计已满56周岁）. */
function describeAge(limit: AgeLimit, person: AgedPerson, ctx: EligibilityContext): string {
  const ref = ageReferenceDate(limit, ctx);
  const on = ref.label ? `按${ref.label} ${ref.date} 计` : `按 ${ref.date} 计`;
  const genderText = person.gender === 'male' ? '男性' : '女性';
  if (limit.limit.kind === 'fixedAges') {
    const max = person.gender === 'male' ? limit.limit.male : limit.limit.female;
    return `${genderText}须未满${max}周岁（${on}已满${ageOn(person.birthDate, ref.date)}周岁）`;
  }
  const baseline = retirementBaseline(limit, person);
  const age = formatRetirementAge(statutoryRetirementAge(person.birthDate, baseline));
  return `须未达到法定退休年龄（${genderText}${age}，${retirementDate(person.birthDate, baseline)} 达到；${on}）`;
}

/**
 * What of the person's birth date the scheme's verdicts depend on: whether each age limit is
 * reached, and the exact date only when one is (the refusal quotes the age and the date). Two
 * people with the same key and the same other facts get the same verdicts, so a roster judges
 * each combination once however spread its birth dates are.
 */
export function birthDateKey(scheme: Scheme, person: PersonFacts, ctx: EligibilityContext): string {
  if (!person.birthDate) return 'no birth date';
  if (!person.gender) return 'no gender';
  const aged: AgedPerson = { ...person, birthDate: person.birthDate, gender: person.gender };
  let bits = '';
  for (const plan of scheme.plans) {
    const limit = plan.eligibility.ageLimit;
    if (!limit) continue;
    if (isOverAge(limit, aged, ctx)) return person.birthDate;
    bits += '0';
  }
  return bits;
}

function socialSecurityRefusal(plan: Plan, label: string, person: PersonFacts): Refusal | null {
  const rule = plan.eligibility.socialSecurity;
  if (rule === 'required' && person.socialSecurity === 'no') {
    return { code: 'socialSecurityRequired', message: `${label}仅限有社保的在职职工参保`, hint: '无社保人员请改选其他保障项目，或为该人员取消此项目' };
  }
  if (rule === 'required' && person.socialSecurity === 'unknown') {
    return {
      code: 'socialSecurityUnknown',
      message: `社保状态不明（“-”），不能参加${label}`,
      hint: '如确认该职工在职且正常缴纳社保，请将其设置为在职（有社保）',
    };
  }
  if (rule === 'excluded' && person.socialSecurity === 'yes') {
    return { code: 'socialSecurityExcluded', message: `${label}仅限无社保人员参保`, hint: '有社保人员请改选其他保障项目' };
  }
  if (rule === 'excluded' && person.socialSecurity === 'unknown') {
    return { code: 'socialSecurityUnknown', message: `社保状态不明（“-”），不能确定能否参加${label}`, hint: '请确认该人员是否有社保' };
  }
  return null;
}

/** The verdict on one plan for one person. */
export function assessPlan(scheme: Scheme, plan: Plan, person: PersonFacts, ctx: EligibilityContext): PlanVerdict {
  const label = planLabel(scheme, plan);
  const refusals: Refusal[] = [];
  const el = plan.eligibility;
  let keptOverAge = false;

  if (el.enrollmentTypes && !el.enrollmentTypes.includes(ctx.enrollmentType)) {
    refusals.push({
      code: 'planNotOffered',
      message: `${label}不能在${ENROLLMENT_TYPE_LABELS[ctx.enrollmentType]}中办理`,
      hint: `该项目仅在${el.enrollmentTypes.map((t) => ENROLLMENT_TYPE_LABELS[t]).join('、')}中办理`,
    });
  }

  if (el.genders) {
    const allowed = el.genders.map((g) => GENDER_LABELS[g]).join('、');
    if (!person.gender) {
      refusals.push({ code: 'genderUnknown', message: `${label}仅限${allowed}性参保，但该人员性别未知`, hint: '请填写性别（护照等证件须单独填写性别）' });
    } else if (!el.genders.includes(person.gender)) {
      refusals.push({ code: 'genderNotAllowed', message: `${label}仅限${allowed}性参保`, hint: '请为该人员取消此项目，或核对性别与证件号码' });
    }
  }

  const ss = socialSecurityRefusal(plan, label, person);
  if (ss) refusals.push(ss);

  if (el.newEmploymentForm === 'only' && !person.newEmploymentForm) {
    refusals.push({ code: 'newEmploymentFormOnly', message: `${label}仅限新就业形态人员参保`, hint: '请为该人员取消此项目，或确认其为新就业形态人员' });
  }
  if (el.newEmploymentForm === 'excluded' && person.newEmploymentForm) {
    refusals.push({ code: 'newEmploymentFormExcluded', message: `${label}不接受新就业形态人员参保`, hint: '请为该人员改选面向新就业形态人员的保障项目' });
  }

  if (el.employment === 'inServiceOnly' && person.retired) {
    refusals.push({
      code: 'retiredNotAllowed',
      message: `${label}仅限在职职工参保，该人员职退情况为“退休”`,
      hint: '请移除该人员；如其仍在职（如返聘且正常缴纳社保），请将职退情况改为“在职”',
    });
  }

  if (el.ageLimit) {
    if (!person.birthDate || !person.gender) {
      refusals.push({
        code: 'birthDateUnknown',
        message: `${label}有年龄限制，但该人员${!person.birthDate ? '出生日期' : '性别'}未知`,
        hint: '请填写出生日期和性别（护照等证件须单独填写）',
      });
    } else {
      const aged: AgedPerson = { ...person, birthDate: person.birthDate, gender: person.gender };
      if (isOverAge(el.ageLimit, aged, ctx)) {
        const age = describeAge(el.ageLimit, aged, ctx);
        const exception = el.ageLimit.overAgeException;
        if (!exception || (exception.requireSocialSecurity && person.socialSecurity !== 'yes')) {
          const hint = !exception
            ? '请移除该人员'
            : person.socialSecurity === 'unknown'
              ? '该人员社保状态不明：如确认其在职且正常缴纳社保，请设置为在职（有社保）后再按在职超龄处理，否则请移除'
              : '无社保人员超龄不能参保，请移除该人员';
          refusals.push({ code: 'overAge', message: `已超龄，不能参加${label}：${age}`, hint });
        } else if (exception.requireMedicalInService && !person.medicalInService) {
          refusals.push({
            code: 'overAgeNeedsMedicalInService',
            message: `在职超龄：${age}`,
            hint: '请移除该人员；如其为本单位在职职工且医保享受在职待遇，请勾选“医保享受在职待遇”并由单位确认承诺书后保留',
          });
        } else if (exception.requireCommitment && !person.overAgeCommitment) {
          refusals.push({
            code: 'overAgeNeedsCommitment',
            message: `在职超龄人员须由单位签署承诺书后方可参保：${age}`,
            hint: '请确认超龄人员承诺书（如误参保，不予给付保障金且不退还保费），或移除该人员',
          });
        } else {
          keptOverAge = true;
        }
      }
    }
  }

  return { planCode: plan.code, eligible: refusals.length === 0, refusals, keptOverAge: keptOverAge && refusals.length === 0 };
}

export interface EligibilityResult {
  /** Plan codes the person may take, in the scheme's order. */
  eligible: string[];
  refused: { planCode: string; refusals: Refusal[] }[];
  /** Plans kept only through the over-age exception. */
  keptOverAge: string[];
  verdicts: PlanVerdict[];
}

/** Every plan of the scheme, judged for this person. */
export function eligiblePlans(scheme: Scheme, person: PersonFacts, ctx: EligibilityContext): EligibilityResult {
  const verdicts = scheme.plans.map((plan) => assessPlan(scheme, plan, person, ctx));
  return {
    eligible: verdicts.filter((v) => v.eligible).map((v) => v.planCode),
    refused: verdicts.filter((v) => !v.eligible).map((v) => ({ planCode: v.planCode, refusals: v.refusals })),
    keptOverAge: verdicts.filter((v) => v.keptOverAge).map((v) => v.planCode),
    verdicts,
  };
}
