/**
 * Roster rows on the wire: the values the client's checks produced (`RowCheck.values`:
 * cleaned, vocabularies folded, ID numbers upper-case), the client's row id so rejections
 * map back to a row, and the sheet row for messages. Inline in a submission, or as NDJSON
 * (one row per line, UTF-8) in a chunked upload.
 */
import { z } from 'zod';
import { id, rawRosterRow } from '../api/primitives';

export const wireRosterRowSchema = z.strictObject({
  rowId: id.optional(),
  sourceRow: z
    .number({ error: '必须是正整数或 null' })
    .int({ error: '必须是正整数或 null' })
    .positive({ error: '必须是正整数或 null' })
    .nullable()
    .default(null),
  values: rawRosterRow,
});
export type WireRosterRow = z.input<typeof wireRosterRowSchema>;
export type ValidWireRosterRow = z.output<typeof wireRosterRowSchema>;

export const ROSTER_NDJSON_TYPE = 'application/x-ndjson';

/** The upload's content: one JSON row per line, each ending in `\n`. */
export function encodeRosterNdjson(rows: readonly WireRosterRow[]): string {
  let out = '';
  for (const row of rows) out += `${JSON.stringify(row)}\n`;
  return out;
}

export type NdjsonParse =
  | { ok: true; rows: ValidWireRosterRow[] }
  | { ok: false; line: number; message: string };

/** One NDJSON line (1-based `lineNo`) read and validated; null for a blank line. */
export function parseRosterLine(line: string, lineNo: number): { ok: true; row: ValidWireRosterRow } | { ok: false; line: number; message: string } | null {
  if (line.trim() === '') return null;
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    return { ok: false, line: lineNo, message: `名单第 ${lineNo} 行不是有效的 JSON` };
  }
  const parsed = wireRosterRowSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, line: lineNo, message: `名单第 ${lineNo} 行字段“${issue.path.join('.')}”：${issue.message}` };
  }
  return { ok: true, row: parsed.data };
}

/** Parses and validates uploaded NDJSON; blank lines are skipped, the first bad line refuses the whole. */
export function parseRosterNdjson(textContent: string, maxRows: number): NdjsonParse {
  const rows: ValidWireRosterRow[] = [];
  let lineNo = 0;
  for (const line of textContent.split('\n')) {
    lineNo++;
    const parsed = parseRosterLine(line, lineNo);
    if (parsed === null) continue;
    if (!parsed.ok) return parsed;
    rows.push(parsed.row);
    if (rows.length > maxRows) return { ok: false, line: lineNo, message: `名单超过 ${maxRows} 行` };
  }
  return { ok: true, rows };
}
