/**
 * The premium of a batch: per person, per line (combo or plan × shares × persons), per
 * plan, less subsidies, split by fee source. All in fen, each line explained in Chinese.
 */
import type { Period } from '../dates';
import { selectionForPerson, type PersonSelection, type PlanChoice } from '../eligibility';
import { addFen, multiplyFen, type Fen } from '../money';
import { enrollmentTypeRule, getPlan, planLabel, resolveCover, type Scheme } from '../scheme';
import { validateChoices, type PricedItem } from './charges';
import { PricingError } from './errors';
import { splitByFeeSource } from './feeSources';
import { yuanText } from './format';
import { emptyAggregate, type PlanAggregate } from './planAggregate';
import { CoverPricers } from './personCover';
import { computeSubsidies } from './subsidies';
import type { PersonPrice, PlanTotal, PriceLine, PriceQuote, PricingInput, ProRata } from './types';

interface LineDraft {
  item: PricedItem;
  proRata: ProRata;
  /** '' for the batch's cover; else the scaling that persons with their own starts share. */
  start: string;
  headCountOnly: boolean;
  persons: number;
  personIds: string[];
}

function resolveBatchCover(scheme: Scheme, input: PricingInput): Period | null {
  if (input.cover) return input.cover;
  const resolved = resolveCover(scheme, input.enrollmentType, {
    submissionDate: input.submissionDate,
    ...(input.requestedStart ? { requestedStart: input.requestedStart } : {}),
    ...(input.policyPeriod ? { policyPeriod: input.policyPeriod } : {}),
  });
  if (!resolved.ok) throw new PricingError(`${resolved.problem.message}。${resolved.problem.hint}`);
  return resolved.cover;
}

function explainLine(draft: LineDraft, amountFen: Fen): string {
  const { item } = draft;
  const perShare = item.priceUnit === 'share';
  const price = item.working || `${yuanText(item.annualFen)} 元${perShare ? '/份' : ''}`;
  const shares = perShare ? ` × ${item.shares} 份` : '';
  const combo = item.kind === 'combo' ? ' 优惠价' : '';
  const list = item.kind === 'combo' ? `（原价 ${yuanText(item.listUnitFen)} 元）` : '';
  const headCount = draft.headCountOnly ? '（无名单）' : '';
  return `${item.label}${combo} ${price}${shares} × ${draft.persons} 人 = ${yuanText(amountFen)} 元${list}${headCount}`;
}

function proRataText(proRata: ProRata, cover: Period | null): string {
  switch (proRata.kind) {
    case 'full':
      return '';
    case 'half':
      return `保障期${cover ? ` ${cover.start} 至 ${cover.end} ` : ''}不超过${proRata.maxMonths}个月，按半价收取`;
    case 'monthly':
      return `按实际参保月份 ${proRata.months} 个月收取`;
  }
}

const OWN_STARTS_TEXT = '按每人生效日期至保单到期日的保障期计收';

/** The batch's scaling when it can be priced; else (every person has a start of their own) the first line's. */
function quoteProRata(pricers: CoverPricers, lines: readonly PriceLine[]): ProRata {
  try {
    return pricers.batch().proRata;
  } catch (e) {
    if (!(e instanceof PricingError)) throw e;
    const first = lines[0];
    if (first) return first.proRata;
    throw e;
  }
}

export function priceBatch(scheme: Scheme, input: PricingInput): PriceQuote {
  const typeRule = enrollmentTypeRule(scheme, input.enrollmentType);
  if (!typeRule.ok) throw new PricingError(typeRule.problem.message);
  const cover = resolveBatchCover(scheme, input);
  // Priced lazily: a 保全 whose persons all carry their own start needs no batch start.
  const pricers = new CoverPricers(scheme, typeRule.rule.pricing, cover, input.policyPeriod?.end ?? null);

  if (input.selection) validateChoices(scheme, input.selection, '批次保障项目');

  const drafts = new Map<string, LineDraft>();
  const aggregates = new Map<string, PlanAggregate>();
  const aggregateFor = (code: string) => {
    let a = aggregates.get(code);
    if (!a) {
      a = emptyAggregate(code, planLabel(scheme, getPlan(scheme, code)));
      aggregates.set(code, a);
    }
    return a;
  };
  const record = (item: PricedItem, proRata: ProRata, start: string, count: number, newEmployment: boolean, headCountOnly: boolean, personId?: string) => {
    const key = `${item.kind}:${item.code}|${item.shares}|${item.unitFen}|${headCountOnly ? 'n' : 'p'}${start ? `|${start}` : ''}`;
    let draft = drafts.get(key);
    if (!draft) {
      draft = { item, proRata, start, headCountOnly, persons: 0, personIds: [] };
      drafts.set(key, draft);
    }
    draft.persons += count;
    if (personId !== undefined) draft.personIds.push(personId);
    for (const part of item.perPlanFen) {
      const a = aggregateFor(part.planCode);
      const fen = multiplyFen(part.amountFen, count);
      const shareUnits = item.shares * count;
      a.amountFen += fen;
      a.persons += count;
      a.shareUnits += shareUnits;
      if (newEmployment) {
        a.newEmployment.amountFen += fen;
        a.newEmployment.persons += count;
        a.newEmployment.shareUnits += shareUnits;
      }
    }
  };

  const perPerson: PersonPrice[] = [];
  const unpricedPersonIds: string[] = [];
  const seenIds = new Set<string>();
  const ownSelections = new Map<string, PersonSelection>();
  for (const person of input.persons) {
    if (seenIds.has(person.id)) throw new PricingError(`人员 ${person.id} 重复`);
    seenIds.add(person.id);
    const own = pricers.get(person.coverStart);
    let choices: readonly PlanChoice[];
    let dropped: PersonPrice['dropped'] = [];
    let violations: PersonPrice['violations'] = [];
    if (person.selection) {
      validateChoices(scheme, person.selection, `人员 ${person.id}`);
      choices = person.selection;
    } else if (input.selection && person.facts) {
      const f = person.facts;
      // Many persons share the same facts; eligibility is pure, so judge each combination once.
      const factsKey = `${f.birthDate ?? ''}|${f.gender ?? ''}|${f.socialSecurity}|${f.medicalInService ? 1 : 0}|${f.overAgeCommitment ? 1 : 0}|${f.newEmploymentForm ? 1 : 0}|${f.femaleRetirementBaseline ?? ''}|${person.coverStart ?? ''}`;
      let personal = ownSelections.get(factsKey);
      if (!personal) {
        personal = selectionForPerson(scheme, input.selection, f, {
          enrollmentType: input.enrollmentType,
          submissionDate: input.submissionDate,
          coverStart: person.coverStart ?? cover?.start ?? null,
        });
        ownSelections.set(factsKey, personal);
      }
      choices = personal.selection;
      dropped = personal.dropped;
      violations = personal.violations;
    } else {
      choices = input.selection ?? [];
    }
    const items = own.pricer.itemsFor(choices);
    if (items.length === 0) unpricedPersonIds.push(person.id);
    for (const item of items) record(item, own.proRata, own.key, 1, person.facts?.newEmploymentForm === true, false, person.id);
    perPerson.push({
      personId: person.id,
      items: items.map((i) => ({ kind: i.kind, code: i.code, planCodes: i.planCodes, shares: i.shares, amountFen: i.unitFen })),
      totalFen: addFen(0, ...items.map((i) => i.unitFen)),
      dropped,
      violations,
    });
  }

  let headCountPersons = 0;
  for (const [i, line] of (input.headCountLines ?? []).entries()) {
    if (!Number.isInteger(line.headCount) || line.headCount <= 0) throw new PricingError(`第 ${i + 1} 条无名单记录的人数须为正整数`);
    validateChoices(scheme, [{ planCode: line.planCode, shares: line.shares }], `第 ${i + 1} 条无名单记录`);
    headCountPersons += line.headCount;
    const batchPricing = pricers.batch();
    for (const item of batchPricing.pricer.itemsFor([{ planCode: line.planCode, shares: line.shares }], false)) {
      record(item, batchPricing.proRata, '', line.headCount, line.newEmploymentForm === true, true);
    }
  }

  const kindOrder = (d: LineDraft) => (d.item.kind === 'combo' ? 0 : 1);
  const schemeOrder = (d: LineDraft) =>
    d.item.kind === 'combo'
      ? scheme.selectionRules.findIndex((r) => r.kind === 'combo' && r.code === d.item.code)
      : scheme.plans.findIndex((p) => p.code === d.item.code);
  const sorted = [...drafts.entries()].sort(
    ([, a], [, b]) =>
      kindOrder(a) - kindOrder(b) ||
      schemeOrder(a) - schemeOrder(b) ||
      a.item.shares - b.item.shares ||
      Number(a.headCountOnly) - Number(b.headCountOnly) ||
      a.start.localeCompare(b.start) ||
      a.item.unitFen - b.item.unitFen,
  );
  const lines: PriceLine[] = sorted.map(([key, d]) => {
    const amountFen = multiplyFen(d.item.unitFen, d.persons);
    return {
      key,
      kind: d.item.kind,
      code: d.item.code,
      planCodes: d.item.planCodes,
      label: d.item.label,
      shares: d.item.shares,
      persons: d.persons,
      headCountOnly: d.headCountOnly,
      listUnitFen: d.item.listUnitFen,
      unitFen: d.item.unitFen,
      amountFen,
      proRata: d.proRata,
      explanation: explainLine(d, amountFen),
      personIds: d.personIds,
    };
  });
  const totalFen = addFen(0, ...lines.map((l) => l.amountFen));

  const planAggregates = scheme.plans.map((p) => aggregates.get(p.code)).filter((a): a is PlanAggregate => a !== undefined);
  const pricedPersons = perPerson.length - unpricedPersonIds.length + headCountPersons;
  const subsidies = computeSubsidies(scheme, input.enrollmentType, planAggregates, input.grants ?? [], pricedPersons);
  const subsidyTotalFen = addFen(0, ...subsidies.lines.map((s) => s.amountFen));
  const payableFen = totalFen - subsidyTotalFen;

  const planTotals: PlanTotal[] = planAggregates.map((a) => {
    const subsidyFen = subsidies.byPlan.get(a.planCode) ?? 0;
    return { planCode: a.planCode, label: a.label, persons: a.persons, amountFen: a.amountFen, subsidyFen, payableFen: a.amountFen - subsidyFen };
  });

  const fees = splitByFeeSource(scheme, planTotals, payableFen, pricedPersons, input.feeSplits ?? [], input.remainderFeeSource);

  const proRata = quoteProRata(pricers, lines);
  const rataText = pricers.hasOwnStarts ? OWN_STARTS_TEXT : proRataText(proRata, cover);
  const summary =
    `会费合计 ${yuanText(totalFen)} 元` +
    (subsidyTotalFen > 0 ? `，补贴 ${yuanText(subsidyTotalFen)} 元，应缴 ${yuanText(payableFen)} 元` : '') +
    (rataText ? `（${rataText}）` : '');

  return {
    schemeId: scheme.id,
    enrollmentType: input.enrollmentType,
    cover,
    proRata,
    lines,
    planTotals,
    totalFen,
    subsidies: subsidies.lines,
    subsidyTotalFen,
    payableFen,
    feeSources: fees.lines,
    unassignedFen: fees.unassignedFen,
    perPerson,
    unpricedPersonIds,
    summary,
  };
}
