/**
 * Reading a scheme's roster spec: where the header row sits and which column a header
 * text names.
 */
import type { RosterColumn, RosterSpec } from './rosterSchema';

/** Zero-based index of the header row in the template: after the title rows and the instruction row. */
export function templateHeaderRowIndex(roster: RosterSpec): number {
  return roster.template.titleRows.length + (roster.template.instructionRowLabel ? 1 : 0);
}

/** Header text compared without spaces, asterisks, full-width/half-width brackets differences. */
function normaliseHeader(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\s\u200b\u3000*＊]/g, '')
    .toLowerCase();
}

/** The column whose header or synonym matches this header text, if any. */
export function columnForHeader(roster: RosterSpec, header: string): RosterColumn | undefined {
  const wanted = normaliseHeader(header);
  if (wanted === '') return undefined;
  return roster.columns.find((c) => [c.header, ...c.synonyms].some((h) => normaliseHeader(h) === wanted));
}
