// The ignore patterns of .marginalia.yaml, read as .gitignore reads its own:
// `*` and `?` stay within a path segment, `**` crosses segments, a pattern
// with no `/` (other than a trailing one) matches a name at any depth, a
// trailing `/` (or matching a folder) covers everything under it.

export type GlobMatcher = (relativePath: string) => boolean;

export function compileGlobs(patterns: readonly string[]): GlobMatcher {
  const regexes = patterns.map(globToRegExp);
  return (relativePath) => {
    const p = relativePath.split('\\').join('/');
    return regexes.some((r) => r.test(p));
  };
}

export function globToRegExp(pattern: string): RegExp {
  let p = pattern.startsWith('./') ? pattern.slice(2) : pattern;
  const anchored = p.replace(/\/$/, '').includes('/');
  p = p.replace(/^\//, '').replace(/\/$/, '');
  let body = '';
  for (let i = 0; i < p.length; i++) {
    const c = p[i]!;
    if (c === '*' && p[i + 1] === '*') {
      const slash = p[i + 2] === '/';
      body += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (c === '*') body += '[^/]*';
    else if (c === '?') body += '[^/]';
    else body += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  // The path itself or anything under it.
  return new RegExp(`^${anchored ? '' : '(?:.*/)?'}${body}(?:/.*)?$`);
}
