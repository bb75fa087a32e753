/** The core's pushed events, fanned out to the window (IPC) or the browser's event stream. */
import type { ApiEvent, ApiEventSource } from '../../../shared/api';

export class EventBus implements ApiEventSource {
  private readonly listeners = new Set<(event: ApiEvent) => void>();

  subscribe(listener: (event: ApiEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: ApiEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // One broken subscriber (a closed window) must not stop the others.
      }
    }
  }
}
