/**
 * What a share or open condition says: a placeholder instead of a condition, or whether a `none` share's basis
 * names a law, regulation or policy document (the guide asks for one). The word lists are data, compiled once.
 */

/** Texts that stand for "nothing written yet", compared after trimming spaces and punctuation, lower case. */
export const CONDITION_PLACEHOLDERS: readonly string[] = [
  '无',
  '暂无',
  '不详',
  '待定',
  '待补充',
  '略',
  'n/a',
  'na',
  'none',
  'tbd',
];

/**
 * Kinds of document a basis can name, as the last word of its title (保守国家秘密法, 居民身份证管理条例,
 * 政务信息资源共享管理暂行办法). 法 followed by 规/律/人/定/院/官 starts another word (法规, 法律, 法人…).
 */
export const BASIS_DOCUMENT_KINDS: readonly string[] = [
  '法典',
  '法(?![规律人定院官])',
  '条例',
  '规定',
  '办法',
  '细则',
  '决定',
  '意见',
  '通知',
];

/**
 * Words that end like a document kind but name none (依法 is "by law", 有关规定 "the relevant rules"), and the
 * words that introduce a basis (依据规定 names nothing either). They are blanked out before looking for a name.
 */
export const NOT_A_DOCUMENT: readonly string[] = [
  '依法',
  '无法',
  '方法',
  '做法',
  '合法',
  '违法',
  '非法',
  '看法',
  '说法',
  '想法',
  '用法',
  '算法',
  '执法',
  '司法',
  '守法',
  '立法',
  '法律法规',
  '有关法律',
  '相关法律',
  '有关规定',
  '相关规定',
  '国家规定',
  '上级规定',
  '法规规定',
  '法律规定',
  '政策规定',
  '保密规定',
  '研究决定',
  '另行通知',
  '征求意见',
  '依据',
  '根据',
  '按照',
  '依照',
  '遵照',
  '参照',
];

/** Titles too short for the rule above (one character before 法). */
export const SHORT_LAW_TITLES: readonly string[] = ['宪法', '刑法', '民法典', '民法'];

const PUNCTUATION = String.raw`\s\p{P}\p{S}`;
const EDGES = new RegExp(`^[${PUNCTUATION}]+|[${PUNCTUATION}]+$`, 'gu');
const PLACEHOLDERS = new Set(CONDITION_PLACEHOLDERS);

const NOT_A_DOCUMENT_PATTERN = new RegExp(NOT_A_DOCUMENT.join('|'), 'g');
/**
 * A title in 《》, an article (第六条, 第19条), a document number (国办发〔2016〕51号), two or more Han characters
 * and a document kind, or a short title.
 */
const NAMES_A_DOCUMENT = new RegExp(
  [
    '《[^》]+》',
    '第[0-9０-９一二三四五六七八九十百千零〇两]+条',
    '[〔［\\[（(]\\d{4}[〕］\\]）)]\\s*\\d+\\s*号',
    `\\p{Script=Han}{2}(?:${BASIS_DOCUMENT_KINDS.join('|')})`,
    ...SHORT_LAW_TITLES,
  ].join('|'),
  'u',
);

/**
 * Whether a written condition is only a placeholder: 无, 待定, N/A, "/", "-", "…" and the like. Blank text is
 * not (that is a missing condition, which the `…/condition-required` rules report).
 */
export function isPlaceholderCondition(text: string): boolean {
  if (text.trim() === '') return false;
  const core = text.replace(EDGES, '').toLowerCase();
  return core === '' || PLACEHOLDERS.has(core);
}

/** Whether a basis names a law, regulation or policy document (《…》, …法/条例/规定/办法…, 第…条, 〔年〕号). */
export function namesLegalBasis(text: string): boolean {
  return NAMES_A_DOCUMENT.test(text.replace(NOT_A_DOCUMENT_PATTERN, ' '));
}
