import { Command, CommanderError } from 'commander';
import { commands } from './commands/index';
import { CliError } from './util/cli-error';

export { CliError } from './util/cli-error';
export { type Lang, resolveLang } from './util/lang';

export function createProgram(): Command {
  const program = new Command('unsilo')
    .description('Unsilo — 政务信息资源目录与共享交换工具 / catalogue and exchange toolkit')
    .version('0.1.0')
    .exitOverride()
    .showHelpAfterError();
  for (const register of commands) register(program);
  return program;
}

/** Runs the CLI and returns the exit status: 0 success, 1 findings/errors in the input, 2 usage or I/O error. */
export async function main(argv: string[] = process.argv): Promise<number> {
  const program = createProgram();
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? 0 : 2;
    }
    if (error instanceof CliError) {
      process.stderr.write(`unsilo: [${error.code}] ${error.message}\n`);
      return error.exitCode;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`unsilo: [internal] ${message}\n`);
    return 2;
  }
}
