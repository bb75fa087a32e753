/**
 * The renderer's typed API over any transport (the preload's IPC bridge, or fetch to the
 * browser host): one method per operation, each forwarding its name and input.
 */
import { OPERATION_NAMES, type ApplicationApi, type OpName } from './operations';

/** Sends one call; rejects with an ApiError-shaped value when the core refuses it. */
export type Transport = (operation: OpName, input: unknown) => Promise<unknown>;

export function createApiClient(transport: Transport): ApplicationApi {
  const api: Record<string, (input: unknown) => Promise<unknown>> = {};
  for (const operation of OPERATION_NAMES) api[operation] = (input) => transport(operation, input);
  return api as ApplicationApi;
}

/** The browser host's route for an operation. */
export function httpPath(operation: OpName): string {
  return `/api/${operation}`;
}
