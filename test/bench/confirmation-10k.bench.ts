/**
 * A 10,000-person confirmation (参保确认书), Shanghai's scheme, priced with priceBatch.
 * `ms` is the first generation in the process, so it includes reading the fonts and
 * starting HarfBuzz: what the first print after launching the app costs. The goal is
 * under 3 s on the project's 2-core machine, and under 1 MB.
 * Prints `bench confirmation-10k: ms=… bytes=… pages=…`.
 */
import { generateConfirmation } from '../../electron/core/documents';
import { makePersons, shanghaiExample, shanghai, SHANGHAI_UNIT } from '../electron/core/documents/fixtures';

const PERSONS = 10_000;

export default async function confirmation10kBench(): Promise<void> {
  const persons = makePersons(PERSONS, 42);
  const { quote, batch } = shanghaiExample(persons);
  const start = performance.now();
  const pdf = await generateConfirmation({
    scheme: shanghai,
    unit: SHANGHAI_UNIT,
    batch,
    quote,
    persons,
    number: { label: '确认书号', value: 'QR2020-010000' },
    issuedOn: '2020-05-21',
    print: { count: 1, at: '2020-05-21T10:00:00+08:00' },
  });
  const ms = performance.now() - start;
  if (pdf.missingCharacters.length > 0) throw new Error(`confirmation-10k: characters missing from the font: ${pdf.missingCharacters.join('')}`);
  console.log(`bench confirmation-10k: ms=${Math.round(ms)} bytes=${pdf.bytes.length} pages=${pdf.pages}`);
}
