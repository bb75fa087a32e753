/**
 * From sheets of rows to roster rows: find the sheet with a roster header, map its
 * columns, and take every row below it that holds a person, skipping blank rows, the
 * template's instruction row and its example rows (Wuxi's 张三).
 */
import { ROSTER_FIELDS, type RawRosterRow, type RosterField } from '../../../shared/domain/roster/fields';
import type { RosterSpec } from '../../../shared/domain/scheme/rosterSchema';
import { RosterFileError } from './errors';
import { isFormulaLike } from './formulaInjection';
import {
  HEADER_SCAN_ROWS,
  displayHeader,
  findHeader,
  missingWithClosest,
  type HeaderMatch,
  type MappedColumn,
} from './rosterHeader';
import { throwIfAborted, type SheetRow, type SheetSource } from './sheetSource';

export interface RosterFileRow {
  /** The row's number in the sheet (1-based, as Excel shows it). */
  sourceRow: number;
  /** Only the fields whose cell holds something, as text. */
  values: RawRosterRow;
}

export interface RosterFileResult {
  sheetName: string;
  /** 1-based row number of the header. */
  headerRow: number;
  mapped: MappedColumn[];
  ignoredHeaders: string[];
  rows: RosterFileRow[];
  /** The number of roster rows read (rows.length, unless they went to `onRow`). */
  totalRows: number;
  /** Template example rows left in the file and skipped. */
  skippedExampleRows: number;
}

export interface CollectOptions {
  signal?: AbortSignal;
  onProgress?: (rowsRead: number) => void;
  /** Rows between progress reports; 500 unless given. */
  progressEvery?: number;
  /** Refuse the file ('tooManyRows') when it holds more roster rows than this. */
  maxRows?: number;
  /**
   * Hands each roster row over as it is read instead of keeping it: the result's `rows` is
   * then empty (a 100,000-row import checks and stages rows as they come, never holding them all).
   */
  onRow?: (row: RosterFileRow) => void;
  /**
   * Awaited before each batch of rows is read: the reader on the background thread waits
   * here until the core has taken the rows it sent, so it never reads far ahead of them.
   */
  pace?: () => Promise<void> | void;
}

export const DEFAULT_PROGRESS_EVERY = 500;

const isBlank = (text: string) => text.trim() === '';

// Our exports write formula-like text behind an apostrophe (formulaInjection.ts); a clerk
// typing '=… in Excel gets no apostrophe in the cell, so one found here is ours to remove.
const APOSTROPHE = 0x27;

function allCells(row: SheetRow): string[] {
  const cells: string[] = [];
  for (let c = 0; c < row.width; c++) cells.push(row.text(c));
  return cells;
}

/** Decides, row by row, whether a row below the header is a person. */
class RowFilter {
  private readonly examples: [RosterField, string][][];
  private readonly instructionLabel: string | undefined;

  constructor(
    roster: RosterSpec,
    private readonly header: HeaderMatch,
  ) {
    this.examples = roster.template.exampleRows.map((example) =>
      ROSTER_FIELDS.flatMap((field): [RosterField, string][] => {
        const value = example[field];
        return value === undefined ? [] : [[field, value.trim()]];
      }),
    );
    this.instructionLabel = roster.template.instructionRowLabel?.trim();
  }

  values(row: SheetRow): RawRosterRow | null {
    const values: RawRosterRow = {};
    let empty = true;
    for (const { field, columnIndex } of this.header.mapped) {
      let text = row.text(columnIndex);
      if (text === '') continue;
      if (text.charCodeAt(0) === APOSTROPHE && isFormulaLike(text.slice(1))) text = text.slice(1);
      values[field] = text;
      if (empty && !isBlank(text)) empty = false;
    }
    return empty ? null : values;
  }

  isInstructionRow(row: SheetRow): boolean {
    if (!this.instructionLabel) return false;
    const labelColumn = this.header.serialColumnIndex ?? 0;
    return row.text(labelColumn).trim() === this.instructionLabel;
  }

  isExample(values: RawRosterRow): boolean {
    return this.examples.some((example) => example.length > 0 && example.every(([field, value]) => (values[field] ?? '').trim() === value));
  }
}

function missingColumnsError(roster: RosterSpec, header: HeaderMatch): RosterFileError | null {
  const missing = missingWithClosest(roster, header);
  if (missing.length === 0) return null;
  const names = missing.map(({ column, closest }) => `“${displayHeader(column)}”${closest ? `（最接近的表头：“${closest}”）` : ''}`).join('、');
  const fileHeaders = [...header.mapped.map((m) => m.header), ...header.ignoredHeaders];
  return new RosterFileError('missingColumns', `缺少必填列${names}，请在导入时手工指定对应的列，或对照导入模板改好表头后再导入（表头在第 ${header.rowNumber} 行）`, {
    missingFields: missing.map(({ column }) => column.key),
    unmatched: {
      headerRow: header.rowNumber,
      fileHeaders,
      missing: missing.map(({ column, closest }) => ({ field: column.key, header: displayHeader(column), ...(closest ? { closest } : {}) })),
    },
  });
}

export async function collectRoster(sheets: AsyncIterable<SheetSource>, roster: RosterSpec, options: CollectOptions = {}): Promise<RosterFileResult> {
  const { signal, onProgress, maxRows, onRow, pace } = options;
  const progressEvery = Math.max(1, Math.floor(options.progressEvery ?? DEFAULT_PROGRESS_EVERY));
  let sawContent = false;

  for await (const sheet of sheets) {
    throwIfAborted(signal);
    const batches = sheet.rows[Symbol.asyncIterator]();
    let exhausted = false;
    const nextBatch = async (): Promise<readonly SheetRow[] | null> => {
      await pace?.();
      throwIfAborted(signal);
      const step = await batches.next();
      throwIfAborted(signal);
      if (step.done) exhausted = true;
      return step.done ? null : step.value;
    };
    try {
      // The first non-blank rows, read whole, to find the header among them.
      const scanned: { number: number; cells: string[]; row: SheetRow }[] = [];
      let unscanned: readonly SheetRow[] = [];
      while (scanned.length < HEADER_SCAN_ROWS) {
        const batch = await nextBatch();
        if (!batch) break;
        let k = 0;
        for (; k < batch.length && scanned.length < HEADER_SCAN_ROWS; k++) {
          const row = batch[k]!;
          const cells = allCells(row);
          if (!cells.every(isBlank)) scanned.push({ number: row.number, cells, row });
        }
        unscanned = batch.slice(k);
      }
      if (scanned.length > 0) sawContent = true;
      const header = findHeader(roster, scanned);
      if (!header) continue;
      const missing = missingColumnsError(roster, header);
      if (missing) throw missing;

      const filter = new RowFilter(roster, header);
      const rows: RosterFileRow[] = [];
      let count = 0;
      let skippedExampleRows = 0;
      let reported = 0;
      const take = (row: SheetRow) => {
        throwIfAborted(signal);
        const values = filter.values(row);
        if (!values || filter.isInstructionRow(row)) return;
        if (filter.isExample(values)) {
          skippedExampleRows++;
          return;
        }
        if (maxRows !== undefined && count >= maxRows) {
          throw new RosterFileError('tooManyRows', `名单超过 ${maxRows} 行，超出单个文件的上限，请分成多个文件导入`);
        }
        count++;
        if (onRow) onRow({ sourceRow: row.number, values });
        else rows.push({ sourceRow: row.number, values });
        if (count % progressEvery === 0) {
          reported = count;
          onProgress?.(reported);
        }
      };

      for (const { number, row } of scanned) if (number > header.rowNumber) take(row);
      for (const row of unscanned) take(row);
      for (let batch = await nextBatch(); batch; batch = await nextBatch()) {
        for (const row of batch) take(row);
      }

      if (count === 0) {
        const examples = skippedExampleRows > 0 ? '（只有模板自带的示例行）' : '';
        throw new RosterFileError('empty', `名单中没有人员${examples}：表头（第 ${header.rowNumber} 行）下面没有填写任何数据`);
      }
      if (reported !== count) onProgress?.(count);
      return {
        sheetName: sheet.name,
        headerRow: header.rowNumber,
        mapped: header.mapped,
        ignoredHeaders: header.ignoredHeaders,
        rows,
        totalRows: count,
        skippedExampleRows,
      };
    } finally {
      if (!exhausted) await batches.return?.();
    }
  }
  throwIfAborted(signal);
  if (!sawContent) throw new RosterFileError('empty', '文件中没有任何内容（工作表是空的）');
  throw new RosterFileError('notRoster', '这不是参保名单文件：未找到表头（应包含 姓名、证件号码 等列）');
}
