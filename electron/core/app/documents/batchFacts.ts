/**
 * What the store knows of a batch that its documents depend on: the association's facts
 * (its number, the cover, the payment it confirmed and when), and the day the premium was
 * confirmed. Read here once, for the print rules and for the documents themselves.
 */
import type { BatchPrintFacts } from '../../../../shared/domain/documents';
import type { AssociationFact } from '../../../../shared/domain/documents';
import { isIsoDate, todayInChina, type IsoDate } from '../../../../shared/domain/dates';
import type { CoreContext } from '../coreContext';
import type { BatchRecord } from '../../store';
import { serverFactsKey, type ServerFacts } from '../../sync';

export interface BatchDocumentFacts extends BatchPrintFacts {
  /** 确认日期: the day the association confirmed the payment. */
  paymentConfirmedOn?: IsoDate;
  /** The day the clerk confirmed the premium (提交确认保费): payment deadlines count from it. */
  premiumConfirmedOn?: IsoDate;
}

/** The China calendar day of a timestamp with offset. */
const chinaDay = (at: string): IsoDate => todayInChina(Date.parse(at));

export function batchDocumentFacts(ctx: CoreContext, batch: BatchRecord): BatchDocumentFacts {
  const history = ctx.store.batches.history(batch.id);
  const lastOf = (event: string) => [...history].reverse().find((r) => r.event === event);
  const confirmedPremium = lastOf('confirmPremium');
  const server = ctx.store.syncState.getJson<ServerFacts>(serverFactsKey(batch.id));
  const confirmedPayment = lastOf('confirmPayment');
  const paymentConfirmedOn =
    server?.payment && isIsoDate(server.payment.confirmedOn) ? server.payment.confirmedOn : confirmedPayment ? chinaDay(confirmedPayment.at) : undefined;

  const facts = new Set<AssociationFact>();
  if (batch.policyNumber !== null) facts.add('associationNumber');
  if (batch.cover !== null) facts.add('cover');
  if (paymentConfirmedOn) facts.add('paymentConfirmed');
  return {
    state: batch.state,
    facts,
    ...(paymentConfirmedOn ? { paymentConfirmedOn } : {}),
    ...(confirmedPremium ? { premiumConfirmedOn: chinaDay(confirmedPremium.at) } : {}),
  };
}
