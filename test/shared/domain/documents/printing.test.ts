/**
 * When each association's documents may be printed, as its manual says, from the schemes'
 * data: before that, only a preview, with the reason the clerk reads before clicking.
 */
import { describe, expect, it } from 'vitest';
import { documentTitle, offeredKinds, printability, type AssociationFact, type DocumentKind } from '../../../../shared/domain/documents';
import type { BatchState } from '../../../../shared/domain/batch';
import { schemeById } from '../../../../shared/schemes';

const ALL: AssociationFact[] = ['associationNumber', 'cover', 'paymentConfirmed'];

describe('which documents each scheme offers', () => {
  it.each([
    ['suzhou-2024', ['paymentNotice', 'confirmation']],
    ['wuxi-2023', ['paymentNotice', 'roster']],
    ['shanghai-2020', ['paymentNotice', 'confirmation', 'overAgeCommitment']],
    ['shenzhen', ['paymentNotice', 'confirmation', 'earlyInvoiceCommitment']],
    ['qingdao-2025', ['paymentNotice', 'confirmation']],
  ])('%s: %j', (id, kinds) => {
    expect(offeredKinds(schemeById(id)!)).toEqual(kinds);
  });

  it('names each document as its manual does, never two alike', () => {
    expect(documentTitle(schemeById('suzhou-2024')!, 'confirmation')).toBe('苏州市职工互助保障 保单');
    expect(documentTitle(schemeById('shenzhen')!, 'confirmation')).toBe('职工互助保障 电子保单');
    expect(documentTitle(schemeById('wuxi-2023')!, 'roster')).toBe('无锡市职工互助互济会“三合一”项目参保花名册');
    expect(schemeById('qingdao-2025')!.documents.printing.confirmation!.numberLabel).toBe('确认书号');
    expect(schemeById('suzhou-2024')!.documents.printing.confirmation!.numberLabel).toBe('保单号');
    expect(schemeById('qingdao-2025')!.documents.printing.paymentNotice!.numberLabel).toBe('申请书号');
  });
});

describe('when a document may be printed', () => {
  const cases: [string, string, DocumentKind, BatchState, AssociationFact[], boolean, RegExp?][] = [
    // Suzhou: 未审核完成的保单请勿付款; the 保单 prints once 进行中.
    ['Suzhou notice before review', 'suzhou-2024', 'paymentNotice', 'underReview', ALL, false, /待审核.*只能预览/],
    ['Suzhou notice once 待支付', 'suzhou-2024', 'paymentNotice', 'awaitingPayment', ['associationNumber'], true],
    ['Suzhou policy while 待生效', 'suzhou-2024', 'confirmation', 'awaitingEffect', ALL, false, /已生效/],
    ['Suzhou policy once 进行中', 'suzhou-2024', 'confirmation', 'inForce', ALL, true],
    // Shenzhen: the notice after review; the electronic policy once complete (effect set).
    ['Shenzhen notice once 待缴费', 'shenzhen', 'paymentNotice', 'awaitingPayment', ['associationNumber'], true],
    ['Shenzhen policy once payment confirmed, effect not set', 'shenzhen', 'confirmation', 'paymentConfirmed', ['associationNumber'], false],
    ['Shenzhen policy with its effective date', 'shenzhen', 'confirmation', 'awaitingEffect', ['associationNumber', 'cover'], true],
    ['Shenzhen early-invoice commitment once 待缴费', 'shenzhen', 'earlyInvoiceCommitment', 'awaitingPayment', ['associationNumber'], true],
    // Qingdao: the confirmation once 生效日期 and 确认日期 are known.
    ['Qingdao confirmation without 确认日期', 'qingdao-2025', 'confirmation', 'awaitingEffect', ['associationNumber', 'cover'], false, /确认日期未定/],
    ['Qingdao confirmation without 生效日期', 'qingdao-2025', 'confirmation', 'inForce', ['associationNumber', 'paymentConfirmed'], false, /生效日期/],
    ['Qingdao confirmation with both', 'qingdao-2025', 'confirmation', 'awaitingEffect', ALL, true],
    ['Qingdao notice before its 申请书号', 'qingdao-2025', 'paymentNotice', 'awaitingPayment', [], false, /尚未给出编号/],
    // Shanghai: 提交确认保费后 15 天内 pay: the notice from the confirmed premium on.
    ['Shanghai notice once the premium is confirmed', 'shanghai-2020', 'paymentNotice', 'premiumConfirmed', [], true],
    ['Shanghai notice before', 'shanghai-2020', 'paymentNotice', 'checkPassed', [], false, /清册校验通过/],
    // Wuxi: the stamped roster goes with the payment, after review.
    ['Wuxi roster after review', 'wuxi-2023', 'roster', 'awaitingPayment', [], true],
    ['Wuxi roster before', 'wuxi-2023', 'roster', 'underReview', [], false],
  ];
  it.each(cases.filter((c) => c[5]))('%s: printable', (_, id, kind, state, facts) => {
    expect(printability(schemeById(id)!, kind, { state, facts: new Set(facts) })).toEqual({ offered: true, printable: true });
  });

  it.each(cases.filter((c) => !c[5]))('%s: only a preview, and why', (_, id, kind, state, facts, _printable, reason) => {
    const p = printability(schemeById(id)!, kind, { state, facts: new Set(facts) });
    expect(p).toMatchObject({ offered: true, printable: false, code: 'DOCUMENT_NOT_YET', reason: expect.stringMatching(reason ?? /只能预览/) });
  });

  it('a kind the scheme does not offer is refused with its own code', () => {
    expect(printability(schemeById('qingdao-2025')!, 'overAgeCommitment', { state: 'awaitingPayment', facts: new Set(ALL) })).toMatchObject({ offered: false, code: 'DOCUMENT_NOT_OFFERED', reason: expect.stringContaining('没有超龄人员承诺书') });
  });
});
