/**
 * How much of a roster file the readers will take. A real roster is a few columns of short
 * text per person; a file past these limits is damaged or made to exhaust the app (a few
 * kilobytes of zip can inflate to gigabytes), and is refused before it costs more than
 * these bounds in memory or time. The figures leave room above the largest roster the app
 * is built for (100,000 rows: a 26 MB sheet part and a 7 MB shared-string table).
 */
const MiB = 1024 * 1024;

/** Roster rows one import takes (README, Configuration). */
export const MAX_IMPORT_ROWS = 200_000;

/** Characters in one cell: a name, an ID number, a phone is far shorter. */
export const MAX_CELL_CHARS = 4_000;

/**
 * The raw markup of one cell's text, before entities are decoded (`&#0000065;` is one
 * character): past this the cell cannot be a roster cell whatever it decodes to.
 */
export const MAX_CELL_MARKUP_CHARS = 64 * 1024;

/** Inflated bytes of one worksheet part. */
export const MAX_SHEET_BYTES = 128 * MiB;

/** Inflated bytes of the shared-string table, which is held whole while the sheets are read. */
export const MAX_SHARED_STRINGS_BYTES = 64 * MiB;

/** Inflated bytes of each other part read (workbook, its relationships, styles). */
export const MAX_SMALL_PART_BYTES = 16 * MiB;

/** Inflated bytes of all parts of one file together. */
export const MAX_INFLATED_BYTES = 192 * MiB;

/** Worksheet parts in one workbook. */
export const MAX_SHEETS = 1_000;

/** Excel's own grid: a sheet beyond it was not written by a spreadsheet program. */
export const MAX_SHEET_ROWS = 1_048_576;
export const MAX_SHEET_COLUMNS = 16_384;

/** One tag, comment or processing instruction; SpreadsheetML's are a few hundred characters. */
export const MAX_MARKUP_CHARS = 64 * 1024;

/** Element nesting; SpreadsheetML nests a handful deep. */
export const MAX_XML_DEPTH = 256;

export function mebibytes(bytes: number): number {
  return Math.round(bytes / MiB);
}
