/**
 * The canonical roster fields. A scheme's roster columns map its own Chinese headers
 * (and their synonyms) onto these keys; import, checks, storage and exports speak only
 * these keys, so no association's header text leaks into code.
 */
export const ROSTER_FIELDS = [
  'name', // 姓名
  'documentType', // 证件类型
  'documentNumber', // 证件号码 / 身份证号
  'gender', // 性别
  'birthDate', // 出生日期
  'socialSecurity', // 是否有社保 (有 / 无 / - unknown)
  'socialSecurityCode', // 社保编码 / 社保登记号 (Shanghai's ratio rule groups by it)
  'medicalInService', // 医保享受在职待遇 (Shanghai over-age exception)
  'employmentStatus', // 在职状态 (在职 / 退休)
  'phone', // 手机号码
  'bankCard', // 社保卡银行卡号
  'bankName', // 开户银行
  'employeeNo', // 工号
  'department', // 部门
  'newEmploymentForm', // 新就业形态 (Qingdao)
  'plans', // 保障项目 (plan codes chosen per person, where a scheme allows per-person choice)
  'shares', // 份数
  'effectiveDate', // 生效日期 (supplementary enrollment)
  'remark', // 备注
] as const;

export type RosterField = (typeof ROSTER_FIELDS)[number];

/** A raw roster row after column mapping: every field as the text the clerk typed. */
export type RawRosterRow = Partial<Record<RosterField, string>>;
