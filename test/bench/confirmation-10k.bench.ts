/**
 * A 10,000-person confirmation (参保确认书), Shanghai's scheme.
 * `ms`: one rendering with priceBatch's quote, the first in the process, so it includes
 * reading the fonts and starting HarfBuzz: what the first print after launching costs.
 * `print_ms`: the full print path through the application API on a real store: the batch's
 * 10,000 persons read and checked, its confirmed premium read, the numbered print rendered
 * (documents.generate), then counted and logged (documents.recordPrints); measured after
 * the rendering above, so it is the cost of every print. Goal: under 1.5 s and 1 MB.
 * `render_ratio` = print_ms / a second bare rendering (the baseline, in the same run).
 * Prints `bench confirmation-10k: ms=… bytes=… pages=… print_ms=… print_bytes=… render_ratio=…`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore } from '../../electron/core/app/createCore';
import { generateConfirmation } from '../../electron/core/documents';
import type { In, OpName, Out } from '../../shared/api';
import { residentId } from '../e2e/support/rosterFiles';
import { makePersons, shanghaiExample, shanghai, SHANGHAI_UNIT } from '../electron/core/documents/fixtures';

const PERSONS = 10_000;
const SURNAMES = '赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红';

async function renderOnly(): Promise<{ ms: number; bytes: number; pages: number }> {
  const persons = makePersons(PERSONS, 42);
  const { quote, batch } = shanghaiExample(persons);
  const start = performance.now();
  const pdf = await generateConfirmation({ scheme: shanghai, unit: SHANGHAI_UNIT, batch, quote, persons, number: { label: '参保批次号', value: 'QR2020-010000' }, issuedOn: '2020-05-21', print: { count: 1, at: '2020-05-21T10:00:00+08:00' } });
  const ms = performance.now() - start;
  if (pdf.missingCharacters.length > 0) throw new Error(`confirmation-10k: characters missing from the font: ${pdf.missingCharacters.join('')}`);
  return { ms, bytes: pdf.bytes.length, pages: pdf.pages };
}

/** A core on a temp store holding a Shanghai batch of 10,000 persons that the association has set in effect. */
async function coreWithBatch(dir: string) {
  const core = await createCore({ dataDir: dir, now: () => new Date('2020-05-21T02:00:00Z'), operator: 'bench' });
  const call = async <K extends OpName>(op: K, input: In<K>): Promise<Out<K>> => {
    const r = await core.dispatcher.dispatch(op, input);
    if (!r.ok) throw new Error(`${op}: ${r.error.message}`);
    return r.value as Out<K>;
  };
  const unit = await call('units.save', { unit: { name: SHANGHAI_UNIT.name, uscc: '91310104MA1FL3XX2K', socialSecurityCodes: ['S100'], handler: { name: '李经办', phone: '13800000001' } } });
  const batch = await call('batches.create', { unitId: unit.id, schemeId: 'shanghai-2020', enrollmentType: 'central', title: '2020 集中参保' });
  await call('batches.update', { batchId: batch.id, selection: ['A0', 'B0', 'C0', 'A3'].map((planCode) => ({ planCode, shares: 1 })) });
  const actor = { kind: 'clerk', name: 'bench' } as const;
  core.store.persons.insertMany(
    batch.id,
    Array.from({ length: PERSONS }, (_, i) => {
      const birth = `19${70 + (i % 25)}-0${1 + (i % 9)}-1${i % 10}`;
      const docNumber = residentId(birth, i % 1000);
      const name = SURNAMES[i % SURNAMES.length]! + GIVEN[(i * 7) % GIVEN.length]! + (i % 3 ? GIVEN[(i * 13) % GIVEN.length]! : '');
      return { sourceRow: i + 2, values: { name, documentType: '身份证', documentNumber: docNumber, socialSecurity: '是' }, docNumber, name, findings: [] };
    }),
    { actor },
  );
  const at = '2020-05-21T10:00:00+08:00';
  // As 提交确认保费 left it: the confirmed quote kept with the batch.
  const premium = await call('pricing.quote', { batchId: batch.id });
  core.store.batches.update(batch.id, { premium, payableFen: premium.payableFen }, actor);
  core.store.batches.update(batch.id, { policyNumber: 'JS2020052000017', cover: { start: '2020-04-01', end: '2021-03-31' } }, { kind: 'server' });
  const adopted = core.store.batches.applyTransition(batch.id, 'adoptServerState', { at, actor: { kind: 'server' }, serverState: 'awaitingEffect', reason: 'bench' });
  if (!adopted.ok) throw new Error(`confirmation-10k: ${adopted.code}`);
  return { core, call, batchId: batch.id };
}

export default async function confirmation10kBench(): Promise<void> {
  const first = await renderOnly();
  const baseline = await renderOnly();
  const dir = mkdtempSync(join(tmpdir(), 'bench-print-'));
  try {
    const { core, call, batchId } = await coreWithBatch(dir);
    // One print to warm the store's statements and the roster checks' caches, as a clerk's earlier preview would.
    await call('documents.generate', { batchId, kind: 'confirmation', purpose: 'preview' });
    const start = performance.now();
    const doc = await call('documents.generate', { batchId, kind: 'confirmation', purpose: 'print' });
    await call('documents.recordPrints', { prints: [doc.pendingPrint!] });
    const printMs = performance.now() - start;
    const logged = await call('documents.printLog', { batchId });
    if (logged.total !== 1 || doc.missingCharacters.length > 0) throw new Error('confirmation-10k: the print was not logged once, or lacks glyphs');
    const printBytes = Buffer.from(doc.base64, 'base64').length;
    await core.close();
    console.log(
      `bench confirmation-10k: ms=${Math.round(first.ms)} bytes=${first.bytes} pages=${first.pages} print_ms=${Math.round(printMs)} print_bytes=${printBytes} print_pages=${doc.pages} render_ratio=${(printMs / baseline.ms).toFixed(2)}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
