import libraryVocabulary from '@unsilo/spec/vocabularies/libraries.json';
import type { ResolvedLintConfig } from '../../config';
import { replaceValueEdit, yamlScalar } from '../../edits';
import { defineRule } from '../../rule';
import { editDistance, tokenAt } from '../support';

type LibraryClass = 'basic' | 'theme';

/** A topic as a library's name: without 国家 before it nor 基础信息资源库, 主题库, 数据库, 信息… after it. */
const LIBRARY_NAME = /^(?:国家)?(.+?)(?:基础|主题)?(?:信息资源|信息|数据)?库?$/;

export function libraryName(topic: string): string {
  const compact = topic.replace(/\s+/g, '');
  return LIBRARY_NAME.exec(compact)?.[1] ?? compact;
}

/** Each class's libraries: what a topic reads as (its library name) → the library's canonical name. */
type Libraries = Record<LibraryClass, Map<string, string>>;

function librariesOf(extra: ResolvedLintConfig['libraries']): Libraries {
  const libraries: Libraries = { basic: new Map(), theme: new Map() };
  for (const kind of ['basic', 'theme'] as const) {
    for (const { name, aliases } of libraryVocabulary[kind]) {
      for (const label of [name, ...aliases]) libraries[kind].set(libraryName(label), name);
    }
    for (const name of extra[kind]) libraries[kind].set(libraryName(name), name);
  }
  return libraries;
}

/** Built once per configuration: the rule asks for every basic or theme entry. */
const built = new WeakMap<ResolvedLintConfig['libraries'], Libraries>();

function knownLibraries(config: ResolvedLintConfig): Libraries {
  let libraries = built.get(config.libraries);
  if (!libraries) {
    libraries = librariesOf(config.libraries);
    built.set(config.libraries, libraries);
  }
  return libraries;
}

/** The known library a mistyped name most likely means (one edit in three characters at most). */
function closest(name: string, known: Map<string, string>): string | undefined {
  let best: { library: string; distance: number } | undefined;
  for (const [label, library] of known) {
    const distance = editDistance(name, label);
    if (distance <= Math.max(1, Math.floor(label.length / 3)) && (!best || distance < best.distance)) {
      best = { library, distance };
    }
  }
  return best?.library;
}

const CLASS_NAMES: Record<LibraryClass, { zh: string; en: string; enPlural: string }> = {
  basic: { zh: '基础信息资源库', en: 'basic library', enPlural: 'basic libraries' },
  theme: { zh: '主题信息资源库', en: 'theme library', enPlural: 'theme libraries' },
};

export const rule = defineRule({
  id: 'classification/library-unknown',
  severity: 'warning',
  description: {
    zh: '基础类、主题类资源的 classification.topic 不是国家规定或城市登记的基础库、主题库（部门类不检查）',
    en: 'classification.topic of a basic or theme resource names no basic or theme library of the national rules or the city (department resources are not checked)',
  },
  hasFix: true,
  scope: 'file',
  check({ file, config, report }) {
    const kind = tokenAt(file, ['classification', 'class'], 'classificationClass');
    if (kind !== 'basic' && kind !== 'theme') return;
    const topic = file.string(['classification', 'topic']);
    if (topic === undefined || topic.trim() === '' || topic === 'TODO') return;
    const libraries = knownLibraries(config);
    const name = libraryName(topic);
    if (libraries[kind].has(name)) return;
    const other: LibraryClass = kind === 'basic' ? 'theme' : 'basic';
    const inOther = libraries[other].get(name);
    const suggestion = inOther ? undefined : closest(name, libraries[kind]);
    const edit = suggestion
      ? replaceValueEdit(file, ['classification', 'topic'], yamlScalar(suggestion))
      : undefined;
    const known = [...new Set(libraries[kind].values())].join('、');
    const hint = inOther
      ? {
          zh: `「${inOther}」是${CLASS_NAMES[other].zh}，请核对 classification.class`,
          en: `"${inOther}" is a ${CLASS_NAMES[other].en}; check classification.class`,
        }
      : {
          zh: `已知的${CLASS_NAMES[kind].zh}：${known}；城市自有的库在 unsilo.config.yaml 的 lint.libraries.${kind} 中登记`,
          en: `the known ${CLASS_NAMES[kind].enPlural} are ${known}; the city adds its own under lint.libraries.${kind} of unsilo.config.yaml`,
        };
    report({
      at: ['classification', 'topic'],
      message: {
        zh: `classification.topic「${topic}」不是${CLASS_NAMES[kind].zh}${suggestion ? `，是否为「${suggestion}」？` : '。'}${hint.zh}`,
        en: `classification.topic "${topic}" is no ${CLASS_NAMES[kind].en}${suggestion ? ` (did you mean "${suggestion}"?)` : ''}; ${hint.en}`,
      },
      fixes: edit
        ? [
            {
              title: { zh: `改为 ${suggestion}`, en: `Change to ${suggestion}` },
              edits: [edit],
              suggestion: true,
            },
          ]
        : [],
    });
  },
});
