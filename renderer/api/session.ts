/** The connection the app was started with, for the stores and screens. */
import type { ApplicationApi } from '../../shared/api/operations';
import type { Connection } from './connection';

let current: Connection | null = null;

export function setConnection(connection: Connection): void {
  current = connection;
}

export function connection(): Connection {
  if (!current) throw new Error('connection not set');
  return current;
}

export function api(): ApplicationApi {
  return connection().api;
}
