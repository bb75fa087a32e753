/**
 * `transition()`: the one way a batch changes state. It either returns the new state with
 * the record to append to the batch's history, or refuses with a Chinese message that
 * names the current state and the action, so the UI can show it as is.
 */
import { ACTOR_KINDS, ACTOR_KIND_LABELS, BATCH_EVENT_LABELS, isBatchEvent, type Actor, type ActorKind, type BatchEvent } from './events';
import { ruleFor, TRANSITION_RULES, type BatchLifecycle, type TransitionContext, type TransitionFailureCode } from './rules';
import { batchStateLabel, isBatchState, SERVER_REPORTED_STATES, type BatchState } from './states';
import { isIsoTimestamp } from './timestamp';

/** One line of a batch's history (保单操作记录). */
export interface TransitionRecord {
  from: BatchState;
  to: BatchState;
  event: BatchEvent;
  /** ISO 8601 timestamp, as passed in. */
  at: string;
  actor: Actor;
  reason?: string;
}

export type TransitionResult =
  | { ok: true; state: BatchState; record: TransitionRecord }
  | { ok: false; code: TransitionFailureCode; message: string };

function refuse(code: TransitionFailureCode, message: string): TransitionResult {
  return { ok: false, code, message };
}

function actorNames(kinds: readonly ActorKind[]): string {
  return kinds.map((k) => ACTOR_KIND_LABELS[k]).join('或');
}

export function transition(batch: BatchLifecycle, event: BatchEvent, ctx: TransitionContext): TransitionResult {
  // Callers on the wire (sync, the server) may hand in anything; refuse it in words.
  if (!isBatchState(batch.state)) return refuse('unknownState', `未知的批次状态：${String(batch.state)}`);
  if (!isBatchEvent(event)) return refuse('unknownEvent', `未知的批次操作：${String(event)}`);
  if (!isIsoTimestamp(ctx.at)) return refuse('invalidTimestamp', `操作时间必须是带时区的 ISO 8601 时间（如 2020-04-15T09:30:00+08:00）：${String(ctx.at)}`);
  if (!ctx.actor || !(ACTOR_KINDS as readonly string[]).includes(ctx.actor.kind)) {
    return refuse('invalidActor', '缺少有效的操作人');
  }

  const current = batchStateLabel(batch.state);
  const action = BATCH_EVENT_LABELS[event];
  const rule = ruleFor(batch.state, event);
  if (!rule) return refuse('illegalTransition', `批次当前状态为“${current}”，不能${action}`);
  if (!rule.actors.includes(ctx.actor.kind)) {
    return refuse(
      'actorNotAllowed',
      `批次当前状态为“${current}”，${ACTOR_KIND_LABELS[ctx.actor.kind]}不能${action}（只能由${actorNames(rule.actors)}操作）`,
    );
  }

  const reason = ctx.reason?.trim() || undefined;
  if (rule.reasonRequired && !reason) return refuse('reasonRequired', `${action}必须填写原因`);
  const failure = rule.guard?.(batch, ctx);
  if (failure) return refuse(failure.code, failure.message);

  const to = rule.to === 'serverState' ? ctx.serverState! : rule.to;
  const record: TransitionRecord = { from: batch.state, to, event, at: ctx.at, actor: { ...ctx.actor } };
  if (reason) record.reason = reason;
  return { ok: true, state: to, record };
}

/** The events that may start from `state`, optionally only those a given actor may trigger (for menus and buttons). */
export function availableEvents(state: BatchState, actor?: ActorKind): BatchEvent[] {
  return TRANSITION_RULES.filter((r) => r.from.includes(state) && (!actor || r.actors.includes(actor))).map((r) => r.event);
}

export interface LegalTransition {
  from: BatchState;
  event: BatchEvent;
  to: BatchState;
  actors: readonly ActorKind[];
}

/** Every (from, event, to) the machine allows, with `adoptServerState` expanded over the states the server can report. */
export function legalTransitions(): LegalTransition[] {
  return TRANSITION_RULES.flatMap((rule) =>
    rule.from.flatMap((from) => {
      const targets = rule.to === 'serverState' ? SERVER_REPORTED_STATES.filter((s) => s !== from) : [rule.to];
      return targets.map((to) => ({ from, event: rule.event, to, actors: rule.actors }));
    }),
  );
}
