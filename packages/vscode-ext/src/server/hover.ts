import { elementAt } from '@unsilo/sdk/catalog';
import { type Hover, MarkupKind } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { docsUrlOf } from './diagnostics';
import { withoutRepeats } from './hover-text';
import { itemElementHover, itemIndexNaming } from './item-element-hover';
import { bilingual, type FileKind, isRequired, schemaAt } from './schema-model';
import type { Lang } from './settings';
import { codesetByName, fieldKey, vocabularyFor } from './vocabulary';
import { type EntryPath, locate } from './yaml-cursor';

/** Lint rules that look at a field, shown under its hover with links to their documentation. */
const rulesOfField: Record<string, string[]> = {
  code: ['code/format', 'code/segment-zero', 'code/class-mismatch', 'code/duplicate'],
  name: ['name/duplicate', 'name/whitespace'],
  'provider.code': ['provider/code-checksum'],
  'classification.class': ['schema/enum', 'code/class-mismatch'],
  'classification.topic': ['classification/library-unknown'],
  summary: ['summary/too-short'],
  'format.class': ['schema/enum', 'share/method-format-mismatch', 'share/service-as-file'],
  items: ['items/duplicate'],
  'items.#.length': ['items/length-required', 'items/identifier-format'],
  'items.#.codeset': ['items/codeset-unknown', 'items/codeset-suggested'],
  'items.#.source': ['single-source/conflict'],
  'items.#.type': ['schema/enum', 'items/length-required', 'items/identifier-format'],
  'share.type': [
    'schema/enum',
    'share/condition-required',
    'share/basis-required',
    'share/method-required',
    'share/personal-data-unconditional',
    'secrecy/classified-shared',
  ],
  'share.condition': [
    'share/condition-required',
    'share/condition-placeholder',
    'share/basis-required',
    'share/basis-not-legal',
  ],
  'share.method': ['share/method-required', 'share/method-format-mismatch', 'share/service-as-file'],
  'open.type': [
    'schema/enum',
    'open/requires-share',
    'open/wider-than-share',
    'open/condition-required',
    'secrecy/classified-shared',
  ],
  'open.condition': ['open/condition-required', 'open/condition-placeholder'],
  secrecy: ['schema/enum', 'secrecy/classified-shared'],
  updateCycle: ['schema/enum', 'update-cycle/other-needs-note'],
  updateCycleNote: ['update-cycle/other-needs-note'],
  publishedAt: ['date/format', 'date/published-range'],
  related: ['related/unresolved'],
};

const t = (lang: Lang, zh: string, en: string) => (lang === 'zh' ? zh : en);

export interface HoverHelpers {
  /** The code set an item of a catalogue resource declares (for `codes:` values of mapping files). */
  codesetOfItem?(resource: string, itemKey: string): string | undefined;
}

export function hover(
  document: TextDocument,
  kind: FileKind,
  offset: number,
  lang: Lang,
  helpers: HoverHelpers = {},
): Hover | null {
  const text = document.getText();
  const at = locate(text, offset);
  if (!at?.scalar) return null;
  const range = { start: document.positionAt(at.scalar.start), end: document.positionAt(at.scalar.end) };
  const value =
    at.on === 'value' ? valueHover(kind, at.path, at.scalar.value, lang, text, helpers) : undefined;
  const field = value ?? (at.on === 'key' ? keyHover(kind, at.path, lang) : undefined);
  // An item's name, key or element: the data element it stands for, under the field's own hover if any.
  const index = kind === 'InformationResource' ? itemIndexNaming(at.path) : undefined;
  const element = index === undefined ? undefined : itemElementHover(text, index, lang);
  const body = [field, element].filter(Boolean).join('\n\n---\n\n');
  if (!body) return null;
  return { contents: { kind: MarkupKind.Markdown, value: body }, range };
}

function keyHover(kind: FileKind, path: EntryPath, lang: Lang): string | undefined {
  const schema = schemaAt(kind, path);
  // Catalogue keys: the national element as the linter knows it (name in both languages and its rule).
  const element = kind === 'InformationResource' ? elementAt(path) : undefined;
  if (!schema && !element) return undefined;
  const title = element?.zh ?? schema?.title ?? String(path.at(-1));
  const { zh, en } = bilingual(schema?.description);
  const english = element?.en ?? englishName(en);
  const heading = `**${title}**${english ? ` · ${english}` : ''} — \`${fieldKey(path).replaceAll('.#', '[]')}\``;
  const vocabulary = vocabularyFor(path)
    ?.map((v) => `\`${v.token}\` ${v.zh}${v.code ? ` (${v.code})` : ''}`)
    .join(' · ');
  // The rule and the description often say again what the title or the vocabulary says: each thing once.
  const shown = [heading, vocabulary ?? ''];
  const rule = element ? withoutRepeats(element.rule[lang], shown) : '';
  const description = withoutRepeats(lang === 'zh' ? zh : en, [...shown, rule]);
  const lines = [heading, ''];
  if (rule) lines.push(`${t(lang, '规则', 'Rule')}: ${rule}`, '');
  if (description) lines.push(description, '');
  if (element?.required || isRequired(kind, path)) lines.push(t(lang, '必填。', 'Required.'), '');
  if (vocabulary) lines.push(vocabulary, '');
  const ruleIds = kind === 'InformationResource' ? rulesOfField[fieldKey(path)] : undefined;
  if (ruleIds?.length) {
    const links = ruleIds.map((id) => {
      const href = docsUrlOf(id);
      return href ? `[\`${id}\`](${href})` : `\`${id}\``;
    });
    lines.push(`${t(lang, '检查规则', 'Lint rules')}: ${links.join(', ')}`);
  }
  return lines.join('\n').trim();
}

/** The English part of a description is a sentence; its first clause serves as the field's English name. */
function englishName(en: string): string {
  const first = en.split(/[.;:(]/)[0]?.trim() ?? '';
  return first.length > 0 && first.length <= 60 ? first : '';
}

function valueHover(
  kind: FileKind,
  path: EntryPath,
  value: unknown,
  lang: Lang,
  text: string,
  helpers: HoverHelpers,
): string | undefined {
  if (value === null || value === undefined) return undefined;
  const token = String(value);
  const vocabulary = vocabularyFor(path);
  if (kind === 'InformationResource' && vocabulary) {
    const term =
      vocabulary.find((v) => v.token === token) ??
      vocabulary.find((v) => v.zh === token || v.aliases?.includes(token));
    if (!term) return undefined;
    const national = term.code ? `${t(lang, '国家代码', 'national code')} \`${term.code}\`` : '';
    const canonical =
      term.token !== token
        ? `\n\n${t(lang, '规范写法', 'Canonical token')}: \`${term.token}\` (schema/enum)`
        : '';
    return `**${term.zh}** · ${term.en}${national ? ` — ${national}` : ''}${canonical}`;
  }
  const key = fieldKey(path);
  if (key === 'items.#.codeset') {
    const codeset = codesetByName(token);
    if (!codeset) return undefined;
    return codesetHover(codeset, lang);
  }
  if (kind === 'FieldMapping' && path[0] === 'fields' && path[2] === 'codes' && path.length === 4) {
    const resource = /^resource:[ \t]*["']?([^"'#\s]+)/m.exec(text)?.[1];
    const itemKey = String(path[1]);
    const name = resource ? helpers.codesetOfItem?.(resource, itemKey) : undefined;
    const codeset = name ? codesetByName(name) : undefined;
    const code = codeset?.codes.find((c) => c.code === token);
    if (!codeset || !code) return undefined;
    return `**${code.label}**${code.labelEn ? ` · ${code.labelEn}` : ''} — ${codeset.name} \`${code.code}\``;
  }
  if (
    kind === 'FieldMapping' &&
    path.length === 4 &&
    path[0] === 'fields' &&
    path[2] === 'codes' &&
    path[3] === 'codeset'
  ) {
    const codeset = codesetByName(token);
    return codeset ? codesetHover(codeset, lang) : undefined;
  }
  return undefined;
}

function codesetHover(codeset: NonNullable<ReturnType<typeof codesetByName>>, lang: Lang): string {
  const sample = codeset.codes
    .slice(0, 8)
    .map((c) => `\`${c.code}\` ${c.label}`)
    .join(' · ');
  return [
    `**${codeset.name}** ${lang === 'zh' ? codeset.title : codeset.titleEn}`,
    '',
    `${t(lang, '版本', 'Version')} ${codeset.version} · ${codeset.codes.length} ${t(lang, '个代码', 'codes')}`,
    '',
    sample + (codeset.codes.length > 8 ? ' …' : ''),
  ].join('\n');
}
