/**
 * `npm run bench` runs every benchmark in this folder; `npm run bench -- <name>` runs one.
 * A benchmark is a file `<name>.bench.ts` whose default export runs it and prints its
 * `bench <name>: key=value …` line. Each measures its own baseline in the same run.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const available = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .map((f) => f.slice(0, -'.bench.ts'.length))
  .sort();

const wanted = process.argv.slice(2);
const unknown = wanted.filter((w) => !available.includes(w));
if (unknown.length > 0) {
  console.error(`unknown benchmark(s): ${unknown.join(', ')}; available: ${available.join(', ')}`);
  process.exit(2);
}

for (const name of wanted.length > 0 ? wanted : available) {
  const mod = (await import(join(here, `${name}.bench.ts`))) as { default: () => Promise<void> };
  await mod.default();
}
