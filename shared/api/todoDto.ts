/** The to-do list (待办事项): what needs the clerk, for one unit or the whole service window. */
import type { IsoDate } from '../domain/dates';
import type { BatchRef } from './dto';

export const TODO_KINDS = ['payment', 'voucherReturned', 'personsRejected', 'invoiceRemaining', 'print', 'renewal', 'onboarding'] as const;
export type TodoKind = (typeof TODO_KINDS)[number];

/** Where an item is done: the screen to open, with the batch and its step when there is one. */
export type TodoPlace = { screen: 'batch'; batchId: string; step: 'roster' | 'payment' | 'documents' } | { screen: 'unit'; unitId: string };

export interface TodoItem {
  kind: TodoKind;
  /** What to do, in a sentence. */
  text: string;
  unitId: string;
  unitName: string;
  batch?: BatchRef;
  /** The last day it can be done (缴费截止日, 保障期止). */
  dueOn?: IsoDate;
  /** Days from today to `dueOn`; negative once past. */
  daysLeft?: number;
  /** Persons (refused, to renew) or fen (not yet invoiced) the item is about. */
  count?: number;
  amountFen?: number;
  opens: TodoPlace;
}

export interface TodoList {
  today: IsoDate;
  items: TodoItem[];
  /** Items per kind before the kind filter, for the filter's counts. */
  counts: Record<TodoKind, number>;
}
