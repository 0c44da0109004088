import {
  checkSourceEncoding,
  checkSourceFormat,
  readHead,
  SourceError,
  type SourceHead,
} from '../../sources/index';
import type { CompiledMapping } from '../compile';
import { diagnostic } from '../diagnostics';
import type { MappingDiagnostic } from '../types';
import { readerOptionsOf } from './read-sample';

/**
 * Why an input is refused before any row is mapped: another kind of file (`source/wrong-format`), text not in
 * the declared encoding (`source/undecodable`), an XLSX sheet that does not exist (`source/no-sheet`), or a
 * header that lacks columns the mapping reads (`mapping/unknown-column`, one diagnostic per column, and
 * `mapping/header-row` when the columns are on a line further down).
 */
export interface InputRefusal {
  code: 'source/wrong-format' | 'source/undecodable' | 'source/no-sheet' | 'mapping/unknown-column';
  message: string;
  zh: string;
  /** `mapping/unknown-column`: each missing column, placed on the field that reads it (and the header row hint). */
  diagnostics: MappingDiagnostic[];
}

/** Lines looked at for undecodable text and for a header further down. */
const HEAD_LINES = 20;
/** The character a decoder puts where bytes are not text in its encoding. */
const REPLACEMENT = '\uFFFD';

/**
 * The pre-flight of `map run` and `sync`, run on an input file before anything is written or pushed: the file
 * is of the mapping's format, its text decodes in the declared encoding, the XLSX sheet exists, and the header
 * holds every column the mapping reads. Returns the refusal, or undefined when the input may be read (an empty
 * one included: it reads as no rows). Throws the reader's own error when the file cannot be read at all (the
 * caller reports it as unreadable).
 */
export async function preflightInput(
  compiled: CompiledMapping,
  input: string,
): Promise<InputRefusal | undefined> {
  const source = compiled.mapping.source;
  try {
    await checkSourceFormat(input, source.format);
    if (source.format !== 'xlsx') await checkSourceEncoding(input, source.encoding);
    const head = await readHead(input, source.format, readerOptionsOf(compiled.mapping), HEAD_LINES);
    return garbled(input, head) ?? missingColumns(compiled, input, head);
  } catch (error) {
    if (error instanceof SourceError && isRefusalCode(error.code)) {
      return { code: error.code, message: error.message, zh: error.zh, diagnostics: [] };
    }
    throw error;
  }
}

function isRefusalCode(code: string): code is InputRefusal['code'] {
  return code === 'source/wrong-format' || code === 'source/undecodable' || code === 'source/no-sheet';
}

/** Replacement characters in the first lines: bytes that are not text in the encoding read. */
function garbled(input: string, head: SourceHead): InputRefusal | undefined {
  const at = head.lines.find((l) => l.cells.some((cell) => cell.includes(REPLACEMENT)));
  if (!at) return undefined;
  return {
    code: 'source/undecodable',
    message: `${input} does not decode in the mapping's encoding: line ${at.line} holds bytes that are not text (shown as ${REPLACEMENT}); set source.encoding (utf-8, gbk, gb18030 or auto) to the file's encoding`,
    zh: `${input} 无法按映射文件的编码解码：第 ${at.line} 行含有无法识别的字节（显示为 ${REPLACEMENT}）；请将 source.encoding（utf-8、gbk、gb18030 或 auto）设为文件的实际编码`,
    diagnostics: [],
  };
}

/** `mapping/unknown-column` for the columns the header lacks, naming those it has and a header found lower down. */
function missingColumns(
  compiled: CompiledMapping,
  input: string,
  head: SourceHead,
): InputRefusal | undefined {
  const header = head.header;
  if (!header) return undefined;
  const diagnostics = compiled.checkColumns(header);
  if (diagnostics.length === 0) return undefined;
  const missing = compiled.sourceColumns.filter((column) => !header.includes(column));
  const lower = headerLine(compiled, head);
  if (lower !== undefined) {
    diagnostics.push(
      diagnostic(
        'mapping/header-row',
        'error',
        ['source'],
        `the columns the mapping reads are on line ${lower} of the input: set source.headerRow: ${lower}`,
        `映射文件读取的列位于输入的第 ${lower} 行：请设置 source.headerRow: ${lower}`,
      ),
    );
  }
  const hint =
    lower !== undefined
      ? {
          en: `; they are on line ${lower}: set source.headerRow: ${lower} in the mapping`,
          zh: `；这些列位于第 ${lower} 行：请在映射文件中设置 source.headerRow: ${lower}`,
        }
      : { en: '', zh: '' };
  return {
    code: 'mapping/unknown-column',
    message: `${input} lacks the column(s) ${missing.map((c) => `"${c}"`).join(', ')} that the mapping reads (columns found: ${header.join(', ')})${hint.en}`,
    zh: `${input} 缺少映射文件读取的列 ${missing.map((c) => `「${c}」`).join('、')}（现有列：${header.join('、')}）${hint.zh}`,
    diagnostics,
  };
}

/** The line (CSV) or sheet row (XLSX) holding every column the mapping reads: title rows above the header are common. */
function headerLine(compiled: CompiledMapping, head: SourceHead): number | undefined {
  if (compiled.mapping.source.format === 'ndjson') return undefined;
  const found = head.lines.find((l) => {
    const cells = new Set(l.cells.map((cell) => cell.trim()));
    return compiled.sourceColumns.every((column) => cells.has(column));
  });
  return found?.line;
}
