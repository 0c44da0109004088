import type { SourceItem } from '../../sources/types';
import { type ParsedMapping, parseMapping } from '../parse';
import { emptyPreviewResult, type PreviewOptions, preview } from '../preview';
import type { Lang, PreviewView } from '../preview-render/preview-view';
import type { SourceFormat, TargetEntry } from '../types';
import { readerOptionsOf, readSample, type SampleSource } from './read-sample';

export interface PreviewMappingRequest extends PreviewOptions {
  /** The mapping file's text, or what `parseMapping` made of it (diagnostics carry positions either way). */
  mapping: string | ParsedMapping;
  /** The mapping file as the user knows it (shown). */
  mappingPath: string;
  lang: Lang;
  /** The catalogue entry the mapping targets, and the file it is in (shown), when it was found. */
  entry?: { entry: TargetEntry; path: string };
  /** The sample: a file path, its bytes or a stream of them, read as `format` (default: the mapping's format). */
  sample?: { source: SampleSource; path: string; format?: SourceFormat };
  /** Rows read from the sample at most (default 10,000): a preview is a sample, not a run. */
  sampleRows?: number;
}

export interface PreviewMappingResult {
  view: PreviewView;
  /** The sample has more rows than were read. */
  truncated: boolean;
}

/**
 * The preview job of `unsilo map preview` and the editor: reads the mapping and up to `sampleRows` rows of the
 * sample (rows the reader cannot read count as rejected, with its reason), runs the mapping over them and
 * returns what the renderers show. The host adds its own notices (no entry found, no sample chosen…).
 * A sample that cannot be opened is a rejected promise.
 */
export async function previewMapping(request: PreviewMappingRequest): Promise<PreviewMappingResult> {
  const view: PreviewView = { lang: request.lang, mappingPath: request.mappingPath, notices: [] };
  const parsed = typeof request.mapping === 'string' ? parseMapping(request.mapping) : request.mapping;
  if (!parsed.mapping) {
    view.result = emptyPreviewResult(parsed.diagnostics);
    return { view, truncated: false };
  }
  const mapping = parsed.mapping;
  view.mapping = mapping;
  view.resource = mapping.resource;
  const target = request.entry;
  if (target) {
    const items = (target.entry.items ?? []).map((i) => ({ key: i.key, name: i.name }));
    view.entry = { name: target.entry.name, path: target.path, items };
  }
  let rows: SourceItem[] = [];
  let truncated = false;
  if (request.sample) {
    view.samplePath = request.sample.path;
    const format = request.sample.format ?? mapping.source.format;
    const max = request.sampleRows ?? 10_000;
    ({ rows, truncated } = await readSample(request.sample.source, format, readerOptionsOf(mapping), max));
  }
  view.result = preview(parsed, target?.entry, rows, request);
  return { view, truncated };
}
