/**
 * A small glob matcher for `ignore` patterns: `**` any number of directories, `*` and `?` within one
 * segment, `{a,b}` alternatives. Patterns without a `/` match a file name in any directory (as .gitignore does).
 */
export function globToRegExp(pattern: string): RegExp {
  let glob = pattern.trim().replace(/\\/g, '/');
  if (glob.startsWith('./')) glob = glob.slice(2);
  if (!glob.includes('/')) glob = `**/${glob}`;
  if (glob.endsWith('/')) glob += '**';
  let source = '';
  let inGroup = false;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') {
      if (glob[i + 1] === '*') {
        const slashAfter = glob[i + 2] === '/';
        source += slashAfter ? '(?:.*/)?' : '.*';
        i += slashAfter ? 2 : 1;
      } else {
        source += '[^/]*';
      }
    } else if (c === '?') source += '[^/]';
    else if (c === '{') {
      inGroup = true;
      source += '(?:';
    } else if (c === '}' && inGroup) {
      inGroup = false;
      source += ')';
    } else if (c === ',' && inGroup) source += '|';
    else source += c.replace(/[.+^$()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

export function createGlobMatcher(patterns: readonly string[]): (path: string) => boolean {
  const regexps = patterns.map(globToRegExp);
  return (path) => {
    const normalized = path.replace(/\\/g, '/').replace(/^\.\//, '');
    return regexps.some((regexp) => regexp.test(normalized));
  };
}
