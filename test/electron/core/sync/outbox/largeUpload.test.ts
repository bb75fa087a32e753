/**
 * A 100,000-person batch: its roster goes up in chunks; the connection drops half-way (the
 * server stored the chunk, the answer is lost); the next attempt asks the server what it has
 * and sends only the rest. No chunk is sent twice, and the batch arrives once, whole.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES, type UploadStatus } from '../../../../../shared/wire';
import { uploadProgressOf } from '../../../../../electron/core/sync/outbox/rosterUpload';
import { startTestServer, type TestServer } from '../../../../server/serverFixtures';
import { openClient, queueBatch, registeredUnit, serverBatch, shanghaiRows, type ClientSide, closeServer } from '../syncFixtures';

const PERSONS = 100_000;

let t: TestServer;
let client: ClientSide;

beforeAll(async () => {
  t = await startTestServer({ faults: true, tokenTtlMs: 365 * 24 * 3600_000 });
});
afterAll(async () => {
  await client?.close();
  await closeServer(t);
});

describe(`a ${PERSONS.toLocaleString('en')}-person roster upload interrupted half-way`, () => {
  it('resumes with the chunks the server does not have, sending none twice, and submits once', { timeout: 180_000 }, async () => {
    const puts = new Map<number, number>();
    let totalChunks = 0;
    let dropAt = -1;
    client = openClient(t.url, {
      before: async (method, path) => {
        const m = /^\/v1\/uploads\/([^/]+)\/chunks\/(\d+)$/.exec(path);
        if (method !== 'PUT' || !m) return;
        const index = Number(m[2]);
        puts.set(index, (puts.get(index) ?? 0) + 1);
        if (totalChunks === 0) {
          totalChunks = (await t.server.context.db.one<{ n: number }>('SELECT total_chunks AS n FROM uploads WHERE id = $1', [m[1]]))!.n;
          dropAt = Math.floor(totalChunks / 2);
        }
        // The half-way chunk is stored by the server, and then the connection drops.
        if (index === dropAt && puts.get(index) === 1) t.server.faults.dropAfterCommit({ route: ROUTES.putChunk });
      },
    });
    const { unitId } = await registeredUnit(client, t.url, '十万人大型企业工会');
    const batch = queueBatch(client.store, unitId, shanghaiRows(PERSONS));

    const first = await client.engine.runOnce();
    expect(first).toMatchObject({ attempts: 1, done: 0, retried: 1, chunksSent: dropAt + 1 });
    expect(totalChunks).toBeGreaterThanOrEqual(10);
    const [action] = client.store.outbox.listForBatch(batch.id);
    const saved = uploadProgressOf(action!)!;
    // The client recorded what the server confirmed; the dropped chunk's answer never came.
    expect(saved.received).toEqual([...Array(dropAt).keys()]);
    const onServer = (await (await fetch(`${t.url}/v1/uploads/${saved.uploadId}`, { headers: { authorization: `Bearer ${client.tokens.load()}` } })).json()) as UploadStatus;
    expect(onServer.receivedChunks).toEqual([...Array(dropAt + 1).keys()]);
    expect((await serverBatch(t.server.context.db, batch.id)).copies).toBe(0);
    const progress = client.events.flatMap((e) => (e.type === 'sync.status' && e.status.sending ? [e.status.sending] : []));
    expect(progress.some((s) => s.totalBytes === saved.totalBytes && s.sentBytes > 0 && s.sentBytes < s.totalBytes)).toBe(true);

    client.clock.advance(60_000);
    const second = await client.engine.runOnce();
    expect(second).toMatchObject({ attempts: 1, done: 1, chunksSent: totalChunks - dropAt - 1 });
    expect([...puts.values()].every((n) => n === 1)).toBe(true);
    expect(puts.size).toBe(totalChunks);
    const held = (await serverBatch(t.server.context.db, batch.id));
    expect(held).toMatchObject({ copies: 1, persons: PERSONS, events: ['submit', 'acknowledge'] });
    expect(client.store.outbox.status()).toMatchObject({ pending: 0, failed: [] });
    console.log(
      `100k upload: ${totalChunks} chunks of ${saved.chunkBytes} bytes, ${dropAt + 1} before the drop, ${second.chunksSent} after it, chunks sent twice: ${[...puts.values()].filter((n) => n > 1).length}, persons on server ${held.persons}, duplicates found: ${held.copies - 1}`,
    );
  });
});
