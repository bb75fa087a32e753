/**
 * Inputs for document tests and the benchmark: real schemes priced with priceBatch, and
 * deterministic persons with valid resident IDs and everyday Chinese names.
 */
import { priceBatch, type PriceQuote } from '../../../../shared/domain/pricing';
import type { PlanChoice } from '../../../../shared/domain/eligibility';
import type { Scheme } from '../../../../shared/domain/scheme';
import { schemeById } from '../../../../shared/schemes';
import type { ConfirmationData, DocumentBatch, DocumentPerson, DocumentUnit } from '../../../../electron/core/documents';

export const shanghai = schemeById('shanghai-2020')!;
export const qingdao = schemeById('qingdao-2025')!;
export const wuxi = schemeById('wuxi-2023')!;
export const shenzhen = schemeById('shenzhen')!;
export const suzhou = schemeById('suzhou-2024')!;

export const one = (...codes: string[]): PlanChoice[] => codes.map((planCode) => ({ planCode, shares: 1 }));

// mulberry32: small and the same on every machine.
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SURNAMES = Array.from('王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤');
const GIVEN = Array.from(
  '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华建国志文斌海燕小红玉丹萍鹏辉玲婷雪梅飞波宇浩凯健俊帆帅旭宁晨阳博昊天嘉怡欣悦雨涵子轩梓一诺思远佳琪晓东振庆春秋菊冬金凤芝淑珍德胜福林永康长青卫安邦宝贝彬冰炳才彩灿昌畅朝琛成诚驰崇楚川纯淳聪丛翠达黛道迪典鼎栋端朵恩尔方菲芬丰锋峰富高歌耕功广贵含韩瀚豪好和河荷鹤恒宏洪鸿厚虎欢环焕惠慧家坚剑江娇洁婕锦晋京晶君钧楷可克坤岚朗乐雷蕾黎莉利连莲良亮琳霖凌琉柳龙露璐伦罗曼茂美萌蒙孟梦苗民名铭楠妮凝齐启谦倩乔巧琴勤清晴权然仁荣蓉瑞润若森莎山善尚韶少绍生盛诗石世仕书舒双爽顺硕松颂素腾田彤桐童薇巍为维雯武舞西希曦贤娴祥翔笑心新馨信星兴雄萱璇勋雅亚妍岩彦扬耀晔依仪宜义艺亦奕毅逸茵莹颖友有瑜羽育郁煜元园媛苑月跃越云芸蕴泽增哲真征正知智中忠钟舟洲竹紫宗卓沛澜沁淇湘漪滢潇灏烨煊炜焱熠燊曜晖暄晗昕昀旻昶晟昱暖皓皎皑睿瞻瑾瑶璟瑄琰珂珏玮珉琨瑛瑭霏霓霄霆馥骏骞骁鹍鸾凰麒麟婧婉婵嫣姝姗娅妤姣翊翎翰翼羿耘聿肃舜芮苒茜荃莘菁蔓蕙藜蘅蓁',
);
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';
const AREAS = ['110105', '310104', '320102', '320211', '370202', '440305', '330106', '420106'];

/** A valid 18-digit resident ID for the birth date and gender. */
export function residentId(area: string, birth: string, serial: number, gender: 'male' | 'female'): string {
  const seq = serial % 500 * 2 + (gender === 'male' ? 1 : 0);
  const body = `${area}${birth.replaceAll('-', '')}${String(seq).padStart(3, '0')}`;
  let sum = 0;
  for (let k = 0; k < 17; k++) sum += Number(body[k]) * WEIGHTS[k]!;
  return body + CHECK[sum % 11]!;
}

/** `count` persons with ids p1…, deterministic for the seed. */
export function makePersons(count: number, seed = 1): DocumentPerson[] {
  const random = prng(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  return Array.from({ length: count }, (_, i) => {
    const gender = random() < 0.5 ? 'male' : 'female';
    const year = 1966 + Math.floor(random() * 38);
    const month = 1 + Math.floor(random() * 12);
    const day = 1 + Math.floor(random() * 28);
    const birthDate = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    const name = pick(SURNAMES) + pick(GIVEN) + (random() < 0.6 ? pick(GIVEN) : '');
    return { id: `p${i + 1}`, name, documentNumber: residentId(pick(AREAS), birthDate, i, gender), gender, birthDate } satisfies DocumentPerson;
  });
}

export const SHANGHAI_UNIT: DocumentUnit = { name: '上海申工精密机械有限公司工会委员会', uscc: '91310104MA1FL3XX2K', insuranceCode: 'SG0012345' };
export const QINGDAO_UNIT: DocumentUnit = { name: '青岛区测试单位1', uscc: '123702006762228200' };
export const WUXI_UNIT: DocumentUnit = { name: '无锡市滨湖区某某科技有限公司工会', uscc: '91320211MA1N2XX33P' };
export const SHENZHEN_UNIT: DocumentUnit = { name: '深圳市南山区某某电子有限公司工会委员会', uscc: '91440300MA5DXX4U0L' };

/** Shanghai's worked example: instant enrollment, A0+B0+C0 with A3, B3, C3 → 4780 yuan for 4 persons. */
export function shanghaiExample(persons: readonly DocumentPerson[]): { quote: PriceQuote; batch: DocumentBatch } {
  const quote = priceBatch(shanghai, {
    enrollmentType: 'instant',
    submissionDate: '2020-05-20',
    selection: one('A0', 'B0', 'C0', 'A3', 'B3', 'C3'),
    persons: persons.map((p) => ({ id: p.id, facts: { birthDate: '1980-06-01', gender: p.gender ?? 'male', socialSecurity: 'yes' } })),
  });
  return { quote, batch: { number: 'JS2020052000017', enrollmentType: 'instant', cover: quote.cover, premiumConfirmedOn: '2020-05-20' } };
}

/** Qingdao's subsidy example: 25 persons × 95 yuan = 2375, less a subsidy of 35 a person (875) = 1500. */
export function qingdaoExample(persons: readonly DocumentPerson[]): { quote: PriceQuote; batch: DocumentBatch } {
  const quote = priceBatch(qingdao, {
    enrollmentType: 'new',
    submissionDate: '2025-09-19',
    persons: persons.map((p) => ({ id: p.id, selection: one('ZYYL-A95') })),
    grants: [{ kind: 'subsidy', planCode: 'ZYYL-A95', perPersonFen: 3500 }],
  });
  return { quote, batch: { number: 'PRT2612', enrollmentType: 'new', cover: null } };
}

export function priced(scheme: Scheme, persons: readonly DocumentPerson[], selection: PlanChoice[], enrollmentType: DocumentBatch['enrollmentType'], submissionDate: string): PriceQuote {
  return priceBatch(scheme, { enrollmentType, submissionDate, selection, persons: persons.map((p) => ({ id: p.id })) });
}

/** Qingdao's example as a confirmation in force (确认书号, 生效日期 set), persons `count` of seed `seed`, some renamed by index. */
export function qingdaoConfirmation(names: Record<number, string> = {}, options: { count?: number; seed?: number; print?: ConfirmationData['print'] } = {}): ConfirmationData {
  const persons = makePersons(options.count ?? 25, options.seed ?? 7).map((p, i) => (names[i] ? { ...p, name: names[i]! } : p));
  const { quote, batch } = qingdaoExample(persons);
  return {
    scheme: qingdao,
    unit: QINGDAO_UNIT,
    batch: { ...batch, cover: { start: '2025-12-20', end: '2026-12-19' } },
    quote,
    persons,
    number: { label: '确认书号', value: 'G1503202512240001' },
    issuedOn: '2025-12-24',
    print: options.print === undefined ? { count: 1, at: '2025-12-24T10:00:00+08:00' } : options.print,
  };
}
