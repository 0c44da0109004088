import type { VocabularyName } from './vocabulary';

/** What the editor shows on hover and what the linter knows about a key: the national element and its rule. */
export interface CatalogElement {
  /** Dotted path; `items[]` stands for every information item. */
  path: string;
  zh: string;
  en: string;
  rule: { zh: string; en: string };
  required?: boolean;
  vocabulary?: VocabularyName;
  kind: 'string' | 'number' | 'boolean' | 'date' | 'map' | 'list' | 'code';
}

const el = (
  path: string,
  zh: string,
  en: string,
  kind: CatalogElement['kind'],
  rule: [string, string],
  extra: Partial<CatalogElement> = {},
): CatalogElement => ({ path, zh, en, kind, rule: { zh: rule[0], en: rule[1] }, ...extra });

/**
 * The elements of a catalogue entry (《政务信息资源目录编制指南(试行)》 core metadata, as
 * catalogue files write them in YAML). Order is the order of the national 填报模板 and of the editor's completion list.
 */
export const catalogElements: readonly CatalogElement[] = [
  el('apiVersion', '格式版本', 'Format version', 'string', ['固定为 unsilo/v1', 'always unsilo/v1']),
  el('kind', '文件类型', 'Kind', 'string', ['固定为 InformationResource', 'always InformationResource']),
  el(
    'code',
    '信息资源代码',
    'Resource code',
    'code',
    [
      '分类码/顺序码；分类码 = 类(1 位) 项(2 位) 目(3 位) 细目(不定长)，全为数字',
      'classification code "/" sequence code; classification = class (1 digit), item (2), entry (3), sub-entry (any); digits only',
    ],
    { required: true },
  ),
  el(
    'name',
    '信息资源名称',
    'Resource name',
    'string',
    [
      '简明描述资源内容，同一提供方内不重复，不含多余空格',
      'a concise name, unique per provider, without stray spaces',
    ],
    { required: true },
  ),
  el(
    'provider',
    '信息资源提供方',
    'Provider',
    'map',
    ['提供该资源的政务部门', 'the department that provides the resource'],
    {
      required: true,
    },
  ),
  el(
    'provider.name',
    '提供方名称',
    'Provider name',
    'string',
    ['政务部门全称', 'the full name of the department'],
    {
      required: true,
    },
  ),
  el(
    'provider.code',
    '信息资源提供方代码',
    'Provider code',
    'code',
    [
      '部门的统一社会信用代码（GB 32100，18 位）',
      "the department's unified social credit code (GB 32100, 18 characters)",
    ],
    { required: true },
  ),
  el('provider.unit', '下设机构', 'Subordinate unit', 'string', [
    '实际负责该资源的内设或下设机构（可选）',
    'the internal or subordinate unit responsible for the resource (optional)',
  ]),
  el(
    'classification',
    '信息资源分类',
    'Classification',
    'map',
    ['类、项、目、细目', 'class, item, entry, sub-entry'],
    {
      required: true,
    },
  ),
  el(
    'classification.class',
    '资源属性分类（类）',
    'Class',
    'string',
    [
      'basic 基础 / theme 主题 / department 部门，与资源代码第 1 位一致',
      'basic / theme / department, matching the first digit of the code',
    ],
    { required: true, vocabulary: 'classificationClass' },
  ),
  el('classification.topic', '项/目名称', 'Topic', 'string', [
    '如 人口、法人单位、社会保障（可选）',
    'e.g. 人口 (population), 法人单位 (legal entities) (optional)',
  ]),
  el(
    'summary',
    '信息资源摘要',
    'Summary',
    'string',
    [
      '概要描述资源内容，不少于 10 个字，不能与名称相同',
      'what the resource holds; at least 10 characters, not the name again',
    ],
    { required: true },
  ),
  el('format', '信息资源格式', 'Format', 'map', ['格式分类 + 格式类型', 'format class + type'], {
    required: true,
  }),
  el(
    'format.class',
    '信息资源格式分类',
    'Format class',
    'string',
    [
      'file 电子文件 / spreadsheet 电子表格 / database 数据库 / image 图形图像 / media 流媒体 / self-describing 自描述格式 / service 服务接口',
      'file / spreadsheet / database / image / media / self-describing / service',
    ],
    { required: true, vocabulary: 'formatClass' },
  ),
  el('format.type', '信息资源格式类型', 'Format type', 'string', [
    '格式分类下的具体类型，如 oracle、xlsx、pdf',
    'the concrete type within the class, e.g. oracle, xlsx, pdf',
  ]),
  el('format.note', '其他类型资源格式描述', 'Other format description', 'string', [
    '格式类型为 other 时说明具体格式',
    'describes the format when the type is other',
  ]),
  el('items', '信息项信息', 'Information items', 'list', [
    '结构化资源（数据库、电子表格、服务接口）必须列出信息项：名称、数据类型、长度',
    'structured resources (database, spreadsheet, service) must list their items: name, data type, length',
  ]),
  el('items[].name', '信息项名称', 'Item name', 'string', ['资源内唯一', 'unique within the resource'], {
    required: true,
  }),
  el('items[].key', '字段标识', 'Item key', 'string', [
    '记录中的 JSON 字段名，资源内唯一',
    'the JSON field name in records, unique within the resource',
  ]),
  el(
    'items[].type',
    '数据类型',
    'Data type',
    'string',
    [
      'C 字符型、N 数值型、Y 货币型、D 日期型、T 日期时间型、L 逻辑型、M 备注型、G 通用型、B 双精度型、I 整型、F 浮点型',
      'C character, N numeric, Y currency, D date, T date-time, L logical, M memo, G general, B double, I integer, F float',
    ],
    { vocabulary: 'itemType' },
  ),
  el('items[].length', '数据长度', 'Length', 'number', ['C、N 型必须给出长度', 'required for C and N items']),
  el('items[].codeset', '代码集', 'Code set', 'string', [
    '取值遵循的国家标准代码集，如 GB/T 2261.1',
    'the standard code set the values follow, e.g. GB/T 2261.1',
  ]),
  el('items[].required', '必填', 'Required', 'boolean', [
    'true：每条推送的记录都必须填写该项，交换平台拒收缺少该项的记录；记录主键中的项总是必填',
    'true: every pushed record must fill the item, the exchange refuses records without it; record-key items are always required',
  ]),
  el('items[].source', '权威来源', 'Authoritative source', 'string', [
    'authoritative：本部门是该数据元素的唯一权威来源（一数一源）',
    'authoritative: this department is the one source of the data element',
  ]),
  el('items[].element', '数据元', 'Data element', 'string', [
    '数据元字典中的标识（如 person.id-number 公民身份号码）；一数一源按数据元判断，键名不同的同一数据元是同一数据',
    'an id of the data-element dictionary (e.g. person.id-number); single source is decided per element, whatever the key',
  ]),
  el('items[].check', '交换平台校核', 'Exchange checks', 'list', [
    '交换平台接收数据时对该项执行的校验：idcard、uscc、orgcode、region、phone',
    'validators the exchange applies to this item on every push: idcard, uscc, orgcode, region, phone',
  ]),
  el('items[].description', '信息项说明', 'Item description', 'string', ['可选说明', 'optional description']),
  el(
    'share',
    '共享属性',
    'Sharing',
    'map',
    ['共享类型、共享条件、共享方式', 'share type, condition, method'],
    {
      required: true,
    },
  ),
  el(
    'share.type',
    '共享类型',
    'Share type',
    'string',
    [
      'unconditional 无条件共享 / conditional 有条件共享 / none 不予共享',
      'unconditional / conditional / none',
    ],
    { required: true, vocabulary: 'shareType' },
  ),
  el('share.condition', '共享条件/不予共享依据', 'Share condition or basis', 'string', [
    '有条件共享须写明条件；不予共享须写明法律法规或政策依据',
    'conditional: the conditions; none: the legal or policy basis',
  ]),
  el('share.method', '共享方式', 'Share method', 'map', [
    '共享方式分类 + 共享方式类型',
    'method class + type',
  ]),
  el(
    'share.method.class',
    '共享方式分类',
    'Share method class',
    'string',
    ['platform 共享平台方式 / offline 邮件或介质', 'platform / offline'],
    { vocabulary: 'shareMethodClass' },
  ),
  el(
    'share.method.type',
    '共享方式类型',
    'Share method type',
    'string',
    ['api 接口 / database 数据库 / file 文件', 'api / database / file'],
    { vocabulary: 'shareMethodType' },
  ),
  el(
    'open',
    '开放属性',
    'Openness',
    'map',
    ['是否向社会开放及开放条件', 'whether and how the resource is open to the public'],
    {
      required: true,
    },
  ),
  el(
    'open.type',
    '开放类型',
    'Open type',
    'string',
    [
      'unconditional 无条件开放 / conditional 有条件开放 / none 不予开放；不予共享的资源不得开放',
      'unconditional / conditional / none; a resource not shared cannot be open',
    ],
    { required: true, vocabulary: 'openType' },
  ),
  el('open.condition', '开放条件', 'Open condition', 'string', [
    '有条件开放须写明条件',
    'required for conditional opening',
  ]),
  el('open.topic', '开放主题分类', 'Open-data topic', 'string', [
    '开放目录的主题（可选）',
    'the open-data topic (optional)',
  ]),
  el(
    'secrecy',
    '涉密属性',
    'Secrecy',
    'string',
    [
      'non-classified 非涉密（缺省）/ classified 涉密；涉密资源不得通过共享平台共享或向社会开放',
      'non-classified (the default) / classified; a classified resource is never shared on the platform nor opened',
    ],
    { vocabulary: 'secrecy' },
  ),
  el(
    'updateCycle',
    '更新周期',
    'Update cycle',
    'string',
    [
      'realtime 实时 / daily 每日 / weekly 每周 / monthly 每月 / quarterly 每季度 / semiannual 每半年 / annual 每年 / other 其他',
      'realtime / daily / weekly / monthly / quarterly / semiannual / annual / other',
    ],
    { required: true, vocabulary: 'updateCycle' },
  ),
  el('updateCycleNote', '更新周期说明', 'Update cycle note', 'string', [
    '更新周期为 other 时必须说明',
    'required when the update cycle is other',
  ]),
  el(
    'publishedAt',
    '发布日期',
    'Publication date',
    'date',
    ['CCYY-MM-DD（GB/T 7408）', 'CCYY-MM-DD (GB/T 7408)'],
    { required: true },
  ),
  el('related', '关联资源代码', 'Related resources', 'list', [
    '相关信息资源的代码列表',
    'codes of related resources',
  ]),
  el('businessMatters', '关联业务事项', 'Related business matters', 'list', [
    '资源支撑的政务服务事项与权力事项（可选）：{ code, name, kind: service|power }，或一段文字',
    'the government services and powers the resource supports (optional): { code, name, kind: service|power }, or a text',
  ]),
  el('system', '所在信息系统', 'Information system', 'string', [
    '保存该资源数据的信息系统，取城市信息系统登记表中的系统标识（可选）',
    "the information system that holds the resource's data, an id of the city's systems registry (optional)",
  ]),
  el('key', '记录主键', 'Record key', 'list', [
    '唯一标识一条记录的信息项字段标识',
    'the item keys that identify a record',
  ]),
];

const byPath = new Map(catalogElements.map((element) => [element.path, element]));

/** The element a path of an entry refers to (item indexes collapse to `items[]`). */
export function elementAt(path: ReadonlyArray<string | number>): CatalogElement | undefined {
  return byPath.get(elementKey(path));
}

export function elementKey(path: ReadonlyArray<string | number>): string {
  let key = '';
  for (const segment of path) {
    if (typeof segment === 'number') key += '[]';
    else key += key ? `.${segment}` : segment;
  }
  return key;
}

/** A path as people write it: `items[1].key`, `share.method.type`. */
export function displayPath(path: ReadonlyArray<string | number>): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else text += text ? `.${segment}` : segment;
  }
  return text;
}

/** The keys allowed under a map path (`''` for the top level, `items[]` for an item). */
const childKeyCache = new Map<string, string[]>();

export function childKeys(parent: string): string[] {
  let keys = childKeyCache.get(parent);
  if (!keys) {
    keys = computeChildKeys(parent);
    childKeyCache.set(parent, keys);
  }
  return keys;
}

function computeChildKeys(parent: string): string[] {
  const prefix = parent ? `${parent}.` : '';
  return catalogElements
    .filter((element) => element.path.startsWith(prefix) && !element.path.slice(prefix.length).includes('.'))
    .map((element) => element.path.slice(prefix.length))
    .filter((key) => key !== '' && !key.includes('['));
}
