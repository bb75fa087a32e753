/** The server's time: injectable, so tests and demos can run on a scheme's dates. */
import { todayInChina, type IsoDate } from '../shared/domain/dates';

export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

/** A clock that starts at `start` and runs with real time from now on (the demo's `--clock`). */
export function clockStartingAt(start: Date, real: Clock = systemClock): Clock {
  const offset = start.getTime() - real().getTime();
  return () => new Date(real().getTime() + offset);
}

export function isoAt(clock: Clock): string {
  return clock().toISOString();
}

export function todayAt(clock: Clock): IsoDate {
  return todayInChina(clock().getTime());
}
