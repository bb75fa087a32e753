/**
 * What the store holds, as one digest: every table of the store's file except the import log
 * (a refused import is recorded there, as it should be). Equal digests before and after a
 * refused import mean it changed nothing stored.
 */
import { createHash } from 'node:crypto';
import type { SqliteDatabase } from '../../electron/core/store/openDatabase';

const IMPORT_LOG = 'imports';

export function storeDigest(db: SqliteDatabase): string {
  const hash = createHash('sha256');
  const tables = db.prepare<[], { name: string }>("SELECT name FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all();
  for (const { name } of tables) {
    if (name === IMPORT_LOG) continue;
    const rows = db.prepare(`SELECT * FROM main."${name}"`).all().map((r) => JSON.stringify(r)).sort();
    hash.update(`${name}\n${rows.join('\n')}\n`);
  }
  return hash.digest('hex');
}
