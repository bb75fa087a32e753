/** The transport inside the Electron window: the preload's `window.huzhu` bridge over IPC. */
import type { HuzhuBridge } from '../../shared/api/bridge';
import type { Transport } from '../../shared/api/client';
import { isApiEvent, type ApiEvent } from '../../shared/api/events';
import { M } from '../i18n/messages';
import { ApiFailure, apiErrorOf } from './apiFailure';

export function bridgeTransport(bridge: HuzhuBridge): Transport {
  return async (operation, input) => {
    const answer = await bridge.call(operation, input ?? {});
    if (answer.ok) return answer.value;
    throw new ApiFailure(apiErrorOf(answer.error, M.connection.malformedAnswer), answer.status);
  };
}

export function followBridgeEvents(bridge: HuzhuBridge, onEvent: (event: ApiEvent) => void): () => void {
  return bridge.onEvent((event) => {
    if (isApiEvent(event)) onEvent(event);
  });
}
