import { describe, expect, it } from 'vitest';
import { SseParser } from '../../../renderer/api/sseParser';

describe('SseParser', () => {
  it.each([
    ['one whole frame', ['event: sync.status\ndata: {"a":1}\n\n'], [{ event: 'sync.status', data: '{"a":1}' }]],
    ['a frame split mid-line', ['event: import.pro', 'gress\ndata: {"b"', ':2}\n', '\n'], [{ event: 'import.progress', data: '{"b":2}' }]],
    ['comments and keep-alives only', [': connected\n\n: keep-alive\n\n'], []],
    ['two frames in one chunk', ['data: 1\n\ndata: 2\n\n'], [{ event: 'message', data: '1' }, { event: 'message', data: '2' }]],
    ['CRLF line ends', ['event: x\r\ndata: y\r\n\r\n'], [{ event: 'x', data: 'y' }]],
    ['multi-line data', ['data: a\ndata: b\n\n'], [{ event: 'message', data: 'a\nb' }]],
    ['an unfinished frame', ['data: waiting\n'], []],
  ])('reads %s', (_, chunks, expected) => {
    const parser = new SseParser();
    expect(chunks.flatMap((c) => parser.feed(c))).toEqual(expected);
  });
});
