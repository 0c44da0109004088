import { type Diagnostic, formatMessage, type Lang, rules } from '@unsilo/sdk/catalog';
import type { Log, ReportingDescriptor, Result } from 'sarif';

const LEVEL: Record<Diagnostic['severity'], Result.level> = {
  error: 'error',
  warning: 'warning',
  info: 'note',
};

/**
 * SARIF 2.1.0 for GitHub code scanning: every rule with its help URI, every result with a region
 * (1-based line/column, as SARIF and the lint JSON count) and a file URI relative to the repository root.
 */
export function formatSarif(diagnostics: readonly Diagnostic[], lang: Lang, version: string): string {
  const descriptors: ReportingDescriptor[] = rules.map((rule) => ({
    id: rule.id,
    name: rule.id
      .replace(/[/-](\w)/g, (_, c: string) => c.toUpperCase())
      .replace(/^\w/, (c) => c.toUpperCase()),
    shortDescription: { text: rule.description[lang] },
    fullDescription: { text: `${rule.description.zh} / ${rule.description.en}` },
    helpUri: rule.docsUrl,
    help: { text: `${rule.description[lang]}\n${rule.docsUrl}` },
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties: { tags: ['catalogue', rule.id.split('/')[0]!] },
  }));
  const index = new Map(rules.map((rule, i) => [rule.id, i]));
  const log: Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'unsilo-lint',
            informationUri: 'https://github.com/unsilo/unsilo',
            semanticVersion: version,
            rules: descriptors,
          },
        },
        columnKind: 'utf16CodeUnits',
        results: diagnostics.map((diagnostic) => ({
          ruleId: diagnostic.rule,
          ruleIndex: index.get(diagnostic.rule),
          level: LEVEL[diagnostic.severity],
          message: { text: formatMessage(diagnostic, lang) },
          locations: [
            {
              physicalLocation: {
                artifactLocation: {
                  uri: encodeURI(diagnostic.file.replace(/\\/g, '/')),
                  uriBaseId: '%SRCROOT%',
                },
                region: {
                  startLine: diagnostic.range.start.line,
                  startColumn: diagnostic.range.start.column,
                  endLine: diagnostic.range.end.line,
                  endColumn: diagnostic.range.end.column,
                },
              },
            },
          ],
        })),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
