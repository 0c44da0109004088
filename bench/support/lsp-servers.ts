// The language servers bench/lsp.ts compares: the working tree's, and the one of an earlier commit (by default the
// last commit before the SDK's incremental Workspace), each bundled as the extension ships it (one CommonJS file).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build, type Plugin } from 'esbuild';

/** The commit before the language server linted through the SDK's Workspace (issue 13). */
export const BEFORE_WORKSPACE = '6e37a83';

const common = {
  bundle: true,
  platform: 'node' as const,
  target: 'node20',
  format: 'cjs' as const,
  conditions: ['source'],
  logLevel: 'warning' as const,
};

export async function bundleCurrentServer(repoRoot: string, work: string): Promise<string> {
  const outfile = join(work, 'server.cjs');
  await build({
    ...common,
    entryPoints: [join(repoRoot, 'packages/vscode-ext/src/server/main.ts')],
    outfile,
  });
  return outfile;
}

/**
 * The server of an earlier commit, with the SDK and spec files of that commit (npm packages come from the
 * current node_modules). Undefined, with the reason printed, when the commit cannot be read (a shallow clone).
 */
export async function bundleServerAt(
  repoRoot: string,
  work: string,
  rev: string,
): Promise<string | undefined> {
  const tree = join(work, `tree-${rev}`);
  if (!existsSync(join(tree, '.complete'))) {
    rmSync(tree, { recursive: true, force: true });
    mkdirSync(tree, { recursive: true });
    const paths = [
      'packages/vscode-ext/src',
      'packages/sdk/src',
      'packages/sdk/package.json',
      'packages/spec',
    ];
    const archive = spawnSync('git', ['archive', '--format=tar', rev, ...paths], {
      cwd: repoRoot,
      maxBuffer: 512 * 1024 * 1024,
    });
    if (archive.status !== 0) {
      console.log(`  (no "before" server: git archive ${rev} failed: ${archive.stderr.toString().trim()})`);
      return undefined;
    }
    spawnSync('tar', ['-x', '-C', tree], { input: archive.stdout });
    spawnSync('touch', [join(tree, '.complete')]);
  }
  const outfile = join(work, `server-${rev}.cjs`);
  await build({
    ...common,
    entryPoints: [join(tree, 'packages/vscode-ext/src/server/main.ts')],
    outfile,
    plugins: [packagesOf(tree)],
  });
  return outfile;
}

/** Resolves `@unsilo/sdk/…` and `@unsilo/spec/…` to the files of the extracted commit, by its package exports. */
function packagesOf(tree: string): Plugin {
  const sdkExports = JSON.parse(readFileSync(join(tree, 'packages/sdk/package.json'), 'utf8'))
    .exports as Record<string, { source: string }>;
  return {
    name: 'packages-of-commit',
    setup(b) {
      b.onResolve({ filter: /^@unsilo\/sdk(\/.*)?$/ }, (args) => {
        const subpath = `.${args.path.slice('@unsilo/sdk'.length)}`;
        const target = sdkExports[subpath]?.source;
        return target ? { path: join(tree, 'packages/sdk', target) } : undefined;
      });
      b.onResolve({ filter: /^@unsilo\/spec\// }, (args) => ({
        path: join(tree, 'packages/spec', args.path.slice('@unsilo/spec/'.length)),
      }));
    },
  };
}
