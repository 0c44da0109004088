/**
 * Which information items hold personal data, as data: words of an item's name, item keys (the usual pinyin
 * initials) and code sets, per kind. Compiled once into one pattern with a group per kind.
 */

export type PersonalDataRole = 'identifier' | 'name' | 'contact' | 'sensitive';

export interface PersonalDataKind {
  id: string;
  zh: string;
  en: string;
  /** Words that, anywhere in an item's name, say it is this kind. */
  words: readonly string[];
  /** Item keys (lower case, whole key) of this kind. */
  keys: readonly string[];
  /** Code sets (by name, any edition) whose values are this kind. */
  codesets?: readonly string[];
  /**
   * identifier and sensitive: personal data by themselves; contact (phone, address): personal beside an
   * identifier or a name (a register of institutions has phones and addresses too); name: makes contact data
   * personal, but is not by itself (names stand in many public registers).
   */
  role: PersonalDataRole;
  /** The same words also describe organisations or statistics (单位电话, 医疗机构, 财政收入): see NOT_PERSONAL. */
  mayBeNotPersonal: boolean;
}

export const PERSONAL_DATA_KINDS: readonly PersonalDataKind[] = [
  {
    id: 'id-number',
    zh: '公民身份号码',
    en: 'citizen ID number',
    words: ['公民身份号码', '身份证号', '身份证件号码', '居民身份证'],
    keys: ['gmsfhm', 'sfzh', 'sfzhm', 'sfzjhm'],
    role: 'identifier',
    mayBeNotPersonal: false,
  },
  {
    id: 'name',
    zh: '姓名',
    en: 'name',
    words: ['姓名'],
    keys: ['xm'],
    role: 'name',
    mayBeNotPersonal: false,
  },
  {
    id: 'phone',
    zh: '电话',
    en: 'phone',
    words: ['手机', '电话', '联系方式'],
    keys: ['sjhm', 'sjh', 'lxdh', 'yddh', 'lxfs'],
    role: 'contact',
    mayBeNotPersonal: true,
  },
  {
    id: 'address',
    zh: '住址',
    en: 'address',
    words: ['住址', '地址', '居住地'],
    keys: ['zzdz', 'xzz', 'jzd', 'jzdz', 'hjdz'],
    role: 'contact',
    mayBeNotPersonal: true,
  },
  {
    id: 'health',
    zh: '健康',
    en: 'health',
    words: ['健康', '疾病', '病历', '病史', '病情', '病种', '诊断', '医疗', '就诊', '残疾'],
    keys: ['jkzk', 'jbzd', 'zdjg', 'cjdj'],
    codesets: ['GB/T 14396'],
    role: 'sensitive',
    mayBeNotPersonal: true,
  },
  {
    id: 'marriage',
    zh: '婚姻',
    en: 'marriage',
    words: ['婚姻', '结婚', '离婚', '配偶'],
    keys: ['hyzk'],
    codesets: ['GB/T 2261.2'],
    role: 'sensitive',
    mayBeNotPersonal: true,
  },
  {
    id: 'religion',
    zh: '宗教信仰',
    en: 'religion',
    words: ['宗教', '信仰'],
    keys: ['zjxy'],
    role: 'sensitive',
    mayBeNotPersonal: true,
  },
  {
    id: 'criminal-record',
    zh: '违法犯罪',
    en: 'criminal record',
    words: ['犯罪', '违法', '前科', '刑事'],
    keys: ['fzjl', 'wfjl'],
    role: 'sensitive',
    mayBeNotPersonal: true,
  },
  {
    id: 'income',
    zh: '收入',
    en: 'income',
    words: ['收入', '工资', '薪酬', '存款'],
    keys: ['grsr'],
    role: 'sensitive',
    mayBeNotPersonal: true,
  },
];

/**
 * Words that make an item of a `mayBeNotPersonal` kind an organisation's or a public one (企业地址, 医疗机构,
 * 服务电话, 财政收入, 宗教场所, 农作物病虫害), and name endings of a statistic (就诊人数, 患病率).
 */
export const NOT_PERSONAL = {
  words: [
    '单位',
    '企业',
    '公司',
    '法人',
    '机构',
    '机关',
    '团体',
    '场所',
    '办公',
    '注册',
    '经营',
    '营业',
    '财政',
    '服务',
    '投诉',
    '咨询',
    '值班',
    '热线',
    '网站',
    '病虫害',
    '疫病',
  ],
  endings: ['数', '率', '人次', '总量', '总额'],
} as const;

const group = (words: readonly string[]) => `(${words.join('|')})`;
const NAME_PATTERN = new RegExp(PERSONAL_DATA_KINDS.map((kind) => group(kind.words)).join('|'));
const NOT_PERSONAL_PATTERN = new RegExp(
  `${NOT_PERSONAL.words.join('|')}|(?:${NOT_PERSONAL.endings.join('|')})$`,
);
const KIND_OF_KEY = new Map(
  PERSONAL_DATA_KINDS.flatMap((kind) => kind.keys.map((key) => [key, kind] as const)),
);
const CODESET_PATTERNS = PERSONAL_DATA_KINDS.flatMap((kind) =>
  (kind.codesets ?? []).map(
    (name) => [new RegExp(`^${name.replace(/[.]/g, '\\.')}(?![\\d.])`), kind] as const,
  ),
);

/**
 * The kind of personal data an item holds, from its name, else its key, else its code set — none when its name
 * says it is an organisation's, a public one or a statistic.
 */
export function personalDataKind(
  name: string | undefined,
  key: string | undefined,
  codeset: string | undefined,
): PersonalDataKind | undefined {
  const kind = kindOfName(name) ?? kindOfKey(key) ?? kindOfCodeset(codeset);
  if (kind?.mayBeNotPersonal && name !== undefined && NOT_PERSONAL_PATTERN.test(name)) return undefined;
  return kind;
}

function kindOfName(name: string | undefined): PersonalDataKind | undefined {
  const match = name === undefined ? null : NAME_PATTERN.exec(name);
  if (!match) return undefined;
  // One group per kind, in table order: the first group that took part is the kind.
  return PERSONAL_DATA_KINDS[match.findIndex((text, index) => index > 0 && text !== undefined) - 1];
}

function kindOfKey(key: string | undefined): PersonalDataKind | undefined {
  return key === undefined ? undefined : KIND_OF_KEY.get(key.trim().toLowerCase());
}

function kindOfCodeset(codeset: string | undefined): PersonalDataKind | undefined {
  if (codeset === undefined) return undefined;
  const wanted = codeset.trim();
  return CODESET_PATTERNS.find(([pattern]) => pattern.test(wanted))?.[1];
}
