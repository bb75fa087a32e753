/** The lines of a file that arrives in chunks, decoded as UTF-8 across chunk boundaries, without joining the chunks. */
export async function* ndjsonLines(chunks: AsyncIterable<Buffer>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  let rest = '';
  for await (const chunk of chunks) {
    const lines = (rest + decoder.decode(chunk, { stream: true })).split('\n');
    rest = lines.pop() ?? '';
    yield* lines;
  }
  const last = rest + decoder.decode();
  if (last !== '') yield last;
}
