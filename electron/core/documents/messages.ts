/**
 * The generic words printed on documents: headings, labels and the footer. They name
 * things, they do not state any association's rules: every rule, address, account and
 * fixed paragraph comes from the scheme.
 */
import { DOCUMENT_KIND_LABELS } from '../../../shared/api/dto';

export const TITLES = DOCUMENT_KIND_LABELS;

export const LABELS = {
  payee: '收款单位',
  accountName: '户名',
  accountNumber: '账号',
  bank: '开户行',
  bankCode: '行号',
  methods: '缴费方式',
  unit: '参保单位',
  payer: '缴费单位',
  uscc: '统一社会信用代码',
  insuranceCode: '参保编码',
  batchNumber: '参保批次号',
  confirmationNumber: '确认书号',
  enrollmentType: '参保类型',
  cover: '保障期限',
  persons: '参保人数',
  planSection: '缴费明细',
  payeeSection: '收款信息',
  unitPricePerPerson: '单价（元/人）',
  unitPricePerShare: '单价（元/份）',
  unitPriceMixed: '单价（元）',
  confirmationPlans: '参保项目',
  plan: '保障项目',
  shares: '份数',
  headCount: '人数',
  amount: '金额（元）',
  total: '合计',
  payable: '应缴金额',
  inCapitals: '大写',
  deadline: '缴费期限',
  window: '缴费时间',
  remark: '转账备注',
  notes: '注意事项',
  waitingPeriods: '免责期',
  roster: '参保人员名单',
  seq: '序号',
  name: '姓名',
  documentNumber: '证件号码',
  documentType: '证件类型',
  gender: '性别',
  birthDate: '出生日期',
  plans: '保障项目',
  medicalInService: '医保享受在职待遇',
  amountDue: '金额',
  invoiceTitle: '发票抬头',
  taxNumber: '税号',
  email: '接收邮箱',
  stampUnit: '参保单位（盖章）：',
  handlerSign: '经办人（签字）：',
  phone: '联系电话：',
  signDate: '日期：　　　　年　　月　　日',
  addressedTo: '致：',
} as const;

export const TEXT = {
  yes: '是',
  none: '—',
  askAssociation: '请向互助会咨询',
  coverUnknown: '以互助会确定的生效日期为准',
  payWithin: (days: number) => `提交确认保费后 ${days} 天内`,
  payBefore: (date: string) => `${date}前`,
  monthlyWindow: (first: number, last: number) => `每月 ${first} 日至 ${last} 日`,
  totalLine: (persons: number) => `共 ${persons} 人`,
  /** Shares always shown for plans priced by the share (Qingdao), else only when more than one. */
  planShares: (label: string, shares: number, byShare: boolean) => (byShare || shares > 1 ? `${label}×${shares}份` : label),
  perShare: '/份',
  perPerson: '/人',
  headCountRow: '（无名单）',
  waitingLine: (plan: string, label: string) => `${plan}：${label}`,
  comboListPrice: (listPrice: string) => `（优惠价，原价 ${listPrice}）`,
  waitingDays: (days: number) => `${days}天免责期`,
  waitingMonths: (months: number) => `${months}个月免责期`,
  headCountOnlyPersons: (n: number) => `，无名单人数 ${n} 人`,
} as const;

/** Page numbering, as on the association's own printouts. */
export const pageNumber = (page: number, pages: number) => `第 ${page} 页 / 共 ${pages} 页`;

/** The print stamp: which print this is and when it was made, or that this is a preview. */
export const printStamp = (count: number, at: string) => `第 ${count} 次打印　打印时间：${at}`;
export const PREVIEW_STAMP = '预览（非正式打印件）';
/** Drawn diagonally across every page of a preview. */
export const PREVIEW_WATERMARK = '预览　非正式打印件';

/** Every character a print stamp or watermark may contain besides ASCII, so font subsets do not change between prints. */
export const STAMP_CHARACTERS = `${printStamp(0, '')}${PREVIEW_STAMP}${PREVIEW_WATERMARK}`;

export const ERRORS = {
  textMissing: (what: string, scheme: string) => `方案“${scheme}”没有提供${what}的文本，无法生成该文书`,
  missingGlyphs: (chars: readonly string[]) =>
    `字体中没有以下字符，打印出来会是方框：${chars.map((c) => `${c}（U+${c.codePointAt(0)!.toString(16).toUpperCase()}）`).join('、')}`,
  missingGlyphsIn: (where: readonly { where: string; characters: readonly string[] }[]) =>
    `以下文字在所有字体中都没有字形，打印出来会是方框：${where.map((w) => `${w.where}（${w.characters.map((c) => `${c} U+${c.codePointAt(0)!.toString(16).toUpperCase()}`).join('、')}）`).join('；')}。请核对后选择“仍然打印（标出缺字）”`,
  noPersons: '没有参保人员，无法生成该文书',
  noOverAgePersons: '本批次没有保留的在职超龄人员，无需承诺书',
  badPrint: '打印次数必须是正整数，打印时间必须是带时区的时间',
  badDate: (date: string) => `文书日期格式应为 YYYY-MM-DD：${date}`,
  noAccount: (scheme: string) => `方案“${scheme}”没有收款账号（户名、账号、开户行），缴费通知单不能没有收款账户：请先同步互助会的方案目录`,
} as const;
