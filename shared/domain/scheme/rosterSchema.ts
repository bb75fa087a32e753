/**
 * The roster columns of a scheme's import template, mapped onto canonical RosterField keys,
 * and the template's layout.
 */
import { z } from 'zod';
import { ROSTER_FIELDS } from '../roster/fields';
import { positiveIntSchema, severitySchema, textSchema, typeError } from './primitives';

export const rosterFieldSchema = z.enum(ROSTER_FIELDS, { error: typeError('不是已知的名单字段（见 roster/fields.ts 的 ROSTER_FIELDS）') });

/** A column required only on some rows. */
export const requiredWhenSchema = z.discriminatedUnion('kind', [
  /** When another column holds one of these values (Shanghai: 出生日期 and 性别 when 证件类型 is 护照). */
  z.strictObject({ kind: z.literal('fieldIn'), field: rosterFieldSchema, values: z.array(textSchema).min(1, { error: '至少需要 1 项' }) }),
  /** When the identity document carries no birth date or gender (passports, old permanent-residence IDs, travel permits). */
  z.strictObject({ kind: z.literal('documentLacksBirthData') }),
]);
export type RequiredWhen = z.infer<typeof requiredWhenSchema>;

/**
 * What a template's instruction for a column asks of its values (Wuxi's 说明 row), as a
 * closed set of kinds; `instruction` is the template's own words, quoted in the finding.
 */
export const columnRuleSchema = z.discriminatedUnion('kind', [
  /** No spaces inside the value (Wuxi: 姓名中不要出现空格). */
  z.strictObject({ kind: z.literal('noSpaces'), instruction: textSchema, severity: severitySchema.default('error') }),
  /** Letters upper-case (Wuxi: X要大写): folded on cleaning, so the stored value keeps it. */
  z.strictObject({ kind: z.literal('upperCase'), instruction: textSchema }),
  /** The value names one of these words (Wuxi's 开户行, 例如无锡市农村商业银行: a bank's full name). */
  z.strictObject({
    kind: z.literal('containsAnyOf'),
    words: z.array(textSchema).min(1, { error: '至少需要 1 项' }),
    instruction: textSchema,
    severity: severitySchema.default('warning'),
  }),
]);
export type ColumnRule = z.infer<typeof columnRuleSchema>;

export const rosterColumnSchema = z.strictObject({
  key: rosterFieldSchema,
  /** The header exactly as the association's template prints it. */
  header: textSchema,
  /** Other headers that mean the same column in rosters clerks already keep. */
  synonyms: z.array(textSchema).default([]),
  required: z.boolean(),
  requiredWhen: requiredWhenSchema.optional(),
  /** The accepted values, as the template writes them (e.g. 是 / 否). */
  enumValues: z.array(textSchema).min(1, { error: '至少需要 1 项' }).optional(),
  /** Formatted as text in the template so Excel keeps long digit strings (ID, bank card). */
  text: z.boolean().default(false),
  /** The template's instruction cell above the header (Wuxi: 必填，X要大写). */
  instruction: textSchema.optional(),
  /** That instruction as rules on the column's values. */
  rules: z.array(columnRuleSchema).default([]),
  /** Headers of a clerk's own file mapped onto this column in the import dialog: set by the client for one import, never in a scheme file. */
  mappedHeaders: z.array(textSchema).optional(),
  /** False for columns accepted on import but absent from the association's template. */
  inTemplate: z.boolean().default(true),
});
export type RosterColumn = z.infer<typeof rosterColumnSchema>;

export const templateLayoutSchema = z.strictObject({
  sheetName: textSchema.optional(),
  /** Rows above everything else, each one merged title line (Wuxi: …“三合一”项目参保花名册). */
  titleRows: z.array(textSchema).default([]),
  /** When set, one row of column instructions sits between title and header, with this label in its first cell (Wuxi: 说明). */
  instructionRowLabel: textSchema.optional(),
  /** A leading serial-number column (序号) that is not a roster field. */
  serialNumberHeader: textSchema.optional(),
  /** Example rows the template ships with, which clerks must delete (Wuxi's 张三). */
  exampleRows: z.array(z.partialRecord(rosterFieldSchema, z.string())).default([]),
});
export type TemplateLayout = z.infer<typeof templateLayoutSchema>;

export const rosterSpecSchema = z.strictObject({
  columns: z.array(rosterColumnSchema).min(1, { error: '至少需要 1 列' }),
  /** The association portal's limit per imported file (Shanghai: 5,000). */
  rowLimitPerFile: positiveIntSchema.optional(),
  /** 证件类型 the association accepts, as the template writes them. */
  documentTypes: z.array(textSchema).min(1, { error: '至少需要 1 项' }),
  /** Document types entered one by one rather than imported (Suzhou: foreigners without a resident ID). */
  manualEntryDocumentTypes: z.array(textSchema).default([]),
  template: templateLayoutSchema.default({ titleRows: [], exampleRows: [] }),
});
export type RosterSpec = z.infer<typeof rosterSpecSchema>;
