import { isReject } from '../../sources/types';
import type { CompileOptions } from '../compile';
import { diagnostic } from '../diagnostics';
import { loadMapping } from '../load';
import { type ParsedMapping, parseMapping, withRange } from '../parse';
import type { MappingDiagnostic, SourceFormat, SourceRow, TargetEntry } from '../types';
import { readerOptionsOf, readSample, type SampleSource } from './read-sample';

export interface DiagnoseMappingRequest extends CompileOptions {
  /** The mapping file's text, or what `parseMapping` made of it. */
  mapping: string | ParsedMapping;
  /** The catalogue entry the mapping targets, when it is known. */
  entry?: TargetEntry;
  /** A sample of the input: its header is checked against the columns the mapping reads. */
  sample?: { source: SampleSource; format?: SourceFormat };
}

/**
 * Everything wrong with a mapping file, positioned in its text: syntax, schema, the fit to its catalogue entry
 * (unknown items, code sets, transforms, checks; coded items without a `codes:` translation) and, given a
 * sample, source columns the sample lacks. What the editor shows on a mapping file; the same compiler as
 * `unsilo map`. A sample that cannot be read is a warning at `source.sample`.
 */
export async function diagnoseMapping(request: DiagnoseMappingRequest): Promise<MappingDiagnostic[]> {
  const parsed = typeof request.mapping === 'string' ? parseMapping(request.mapping) : request.mapping;
  const loaded = loadMapping(parsed, request.entry, request);
  const mapping = parsed.mapping;
  if (!loaded.compiled || !mapping || !request.sample) return loaded.diagnostics;
  const format = request.sample.format ?? mapping.source.format;
  try {
    // The first row that reads (CSV rows carry every column of the header); a few rejects may come first.
    const { rows } = await readSample(request.sample.source, format, readerOptionsOf(mapping), 20);
    const first = rows.find((item): item is SourceRow => !isReject(item));
    const missing = first ? loaded.compiled.checkColumns(Object.keys(first.values)) : [];
    return [...loaded.diagnostics, ...missing.map((d) => withRange(d, parsed.locate))];
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const unreadable = diagnostic(
      'mapping/sample-unreadable',
      'warning',
      ['source', 'sample'],
      `the sample cannot be read: ${reason}`,
      `无法读取样例文件：${reason}`,
    );
    return [...loaded.diagnostics, withRange(unreadable, parsed.locate)];
  }
}
