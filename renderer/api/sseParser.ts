/**
 * An incremental reader of a server-sent event stream (the browser host's GET /api/events).
 * EventSource cannot send the Authorization header the host requires, so the stream is read
 * with fetch and fed here chunk by chunk; frames may arrive split anywhere.
 */
export interface SseMessage {
  event: string;
  data: string;
}

export class SseParser {
  private buffer = '';

  /** Feeds decoded text; returns every message completed by it. Comment lines (": …") are skipped. */
  feed(text: string): SseMessage[] {
    this.buffer += text.replace(/\r\n?/g, '\n');
    const out: SseMessage[] = [];
    for (;;) {
      const end = this.buffer.indexOf('\n\n');
      if (end < 0) break;
      const frame = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      const message = parseFrame(frame);
      if (message) out.push(message);
    }
    return out;
  }
}

function parseFrame(frame: string): SseMessage | null {
  let event = 'message';
  const data: string[] = [];
  for (const line of frame.split('\n')) {
    if (line === '' || line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
  }
  return data.length === 0 ? null : { event, data: data.join('\n') };
}
