#!/usr/bin/env node
// The command npm links at install time. It loads the built CLI (dist/, made by `npm run build`, which
// `npm ci` runs through the workspace's `prepare` script), so that `npx unsilo` works right after install
// and starts from bundled JavaScript rather than TypeScript sources.
const built = new URL('../dist/bin.js', import.meta.url);

import(built.href).catch((error) => {
  if (error?.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes(built.pathname)) {
    process.stderr.write(
      'unsilo 尚未构建：请在仓库根目录运行 `npm run build`。\n' +
        'unsilo is not built yet: run `npm run build` in the repository root.\n',
    );
    process.exitCode = 2;
    return;
  }
  throw error;
});
