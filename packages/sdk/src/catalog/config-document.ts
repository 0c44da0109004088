import type { Document } from 'yaml';
import { parseBoundedDocument } from './bounded-yaml';
import { MAX_NESTING_DEPTH } from './depth';
import { MAX_LIST_CHARS } from './governance/list-text';
import { TextIndex } from './text-position';
import type { LocalizedText, Range } from './types';

export interface ConfigTextProblem {
  message: LocalizedText;
  range: Range;
}

/**
 * `unsilo.config.yaml` parsed within the limits every other reader keeps: a text larger than a city's lists may
 * be (they can sit inline) or nested deeper than an entry may be is a problem, not a stack overflow.
 */
export function parseConfigDocument(
  text: string,
): { document: Document.Parsed } | { problem: ConfigTextProblem } {
  if (text.length > MAX_LIST_CHARS) {
    const mib = MAX_LIST_CHARS / 1024 / 1024;
    return {
      problem: {
        message: {
          zh: `配置文件超过 ${mib} MiB，未读取（大的清单请放在 { file: … } 指向的文件中）`,
          en: `the config is larger than ${mib} MiB and was not read (keep large lists in a file named by { file: … })`,
        },
        range: new TextIndex('').range(0, 0),
      },
    };
  }
  const parsed = parseBoundedDocument(text, { prettyErrors: false });
  if ('document' in parsed) return parsed;
  const index = new TextIndex(text);
  return {
    problem: {
      message: {
        zh: `配置文件嵌套超过 ${MAX_NESTING_DEPTH} 层，未读取`,
        en: `the config nests deeper than ${MAX_NESTING_DEPTH} levels and was not read`,
      },
      range: index.range(parsed.tooDeepAt, parsed.tooDeepAt + 1),
    },
  };
}
