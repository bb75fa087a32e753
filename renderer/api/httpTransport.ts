/**
 * The transport to the browser host: `POST /api/<operation>` with the launch token as a
 * bearer (or, after a reload, none: the host's HttpOnly cookie then stands for it), and the
 * event stream read with fetch (EventSource cannot send the header).
 */
import { httpPath, type Transport } from '../../shared/api/client';
import { isApiEvent, type ApiEvent } from '../../shared/api/events';
import { M } from '../i18n/messages';
import { ApiFailure, apiErrorOf } from './apiFailure';
import { SseParser } from './sseParser';

export function httpTransport(token: string | null, origin = ''): Transport {
  return async (operation, input) => {
    let response: Response;
    try {
      response = await fetch(`${origin}${httpPath(operation)}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(input ?? {}),
        cache: 'no-store',
      });
    } catch {
      throw new ApiFailure({ code: 'HOST_UNREACHABLE', message: M.connection.hostUnreachable }, 0);
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      throw new ApiFailure({ code: 'MALFORMED_ANSWER', message: M.connection.malformedAnswer }, response.status);
    }
    if (response.ok && typeof body === 'object' && body !== null && 'result' in body) return (body as { result: unknown }).result;
    throw new ApiFailure(apiErrorOf((body as { error?: unknown } | null)?.error, M.connection.malformedAnswer), response.status);
  };
}

/** Follows GET /api/events, reconnecting with a growing pause; returns the function that stops it. */
export function followHttpEvents(token: string | null, onEvent: (event: ApiEvent) => void, onConnected: (connected: boolean) => void, origin = ''): () => void {
  let stopped = false;
  let controller: AbortController | null = null;
  let pause = 500;

  const run = async () => {
    while (!stopped) {
      controller = new AbortController();
      try {
        const response = await fetch(`${origin}/api/events`, {
          headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), Accept: 'text/event-stream' },
          signal: controller.signal,
          cache: 'no-store',
        });
        if (!response.ok || !response.body) throw new Error(String(response.status));
        onConnected(true);
        pause = 500;
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        const parser = new SseParser();
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          for (const message of parser.feed(value)) {
            try {
              const event: unknown = JSON.parse(message.data);
              if (isApiEvent(event)) onEvent(event);
            } catch {
              // A frame of another version: ignored.
            }
          }
        }
      } catch {
        // Reconnect below.
      }
      if (stopped) break;
      onConnected(false);
      await new Promise((resolve) => setTimeout(resolve, pause));
      pause = Math.min(pause * 2, 10_000);
    }
  };
  void run();
  return () => {
    stopped = true;
    controller?.abort();
  };
}
