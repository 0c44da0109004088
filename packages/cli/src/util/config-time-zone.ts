import { CliError } from './cli-error';

/** The workspace config, read from the working directory as `unsilo lint` reads it by default. */
const CONFIG_FILE = 'unsilo.config.yaml';

/**
 * The `timeZone` of `unsilo.config.yaml` in the working directory (Asia/Shanghai without one): "today" is the
 * date there for `unsilo check idcard`, `unsilo map` and `unsilo sync`. An unknown zone is a usage error (exit 2).
 * Loaded lazily, so `unsilo check uscc` loads nothing but the identifiers.
 */
export async function configuredTimeZone(): Promise<string> {
  const [{ readFileSync }, { timeZoneOf }] = await Promise.all([
    import('node:fs'),
    import('@unsilo/sdk/workspace'),
  ]);
  let text = '';
  try {
    text = readFileSync(CONFIG_FILE, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT')
      throw new CliError('io', `cannot read ${CONFIG_FILE}: ${code ?? (error as Error).message}`);
  }
  const { timeZone, problem } = timeZoneOf(text);
  if (problem) {
    const at = `${CONFIG_FILE}:${problem.range.start.line}:${problem.range.start.column}`;
    throw new CliError('config.invalid', `${at} ${problem.message.zh} / ${problem.message.en}`);
  }
  return timeZone;
}
