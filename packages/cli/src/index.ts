import { Command, CommanderError, Help } from 'commander';
import { commands } from './commands/index';
import { CliError } from './util/cli-error';
import { exchangeSettingsHelp } from './util/exchange-help';

export { CliError } from './util/cli-error';
export { type Lang, resolveLang } from './util/lang';

/**
 * The program for one command line: the command it names is loaded and registered in full; the others stand in
 * the help as their row of the command table, without loading their modules.
 */
export async function createProgram(argv: readonly string[] = process.argv): Promise<Command> {
  const program = new Command('unsilo')
    .description('Unsilo — 政务信息资源目录与共享交换工具 / catalogue and exchange toolkit')
    .version('0.1.0')
    .exitOverride()
    .showHelpAfterError()
    .addHelpText('after', exchangeSettingsHelp);
  const named = commandNamed(argv.slice(2));
  const unloaded = new Map<Command, string>();
  for (const entry of commands) {
    if (entry.name === named) (await entry.load()).register(program);
    else unloaded.set(program.command(entry.name).description(entry.description), entry.term);
  }
  program.configureHelp({
    subcommandTerm(this: Help, command: Command): string {
      return unloaded.get(command) ?? Help.prototype.subcommandTerm.call(this, command);
    },
  });
  return program;
}

/** The command a command line names: its first word, or the one after `help` (`unsilo help lint`). */
function commandNamed(args: readonly string[]): string | undefined {
  const words = args.filter((arg) => !arg.startsWith('-'));
  return words[0] === 'help' ? words[1] : words[0];
}

/** Runs the CLI and returns the exit status: 0 success, 1 findings/errors in the input, 2 usage or I/O error. */
export async function main(argv: string[] = process.argv): Promise<number> {
  try {
    const program = await createProgram(argv);
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
