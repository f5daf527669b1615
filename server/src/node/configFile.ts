// Finds and reads .marginalia.yaml: from a folder upwards, stopping at the
// repository root (the first folder with a .git), as .editorconfig and
// ESLint's flat config are found; the first one found is the configuration.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CONFIG_FILE_NAME, EMPTY_CONFIG, parseConfig, type Config, type ConfigError } from '../core/config';

export interface LoadedConfig {
  readonly config: Config;
  /** The file read; undefined when none was found. */
  readonly file?: string;
  readonly errors: readonly ConfigError[];
}

/** Deeper than any real tree; a bound on the walk up. */
const MAX_LEVELS = 64;

export function findConfigFile(startDir: string): string | undefined {
  let dir = path.resolve(startDir);
  for (let level = 0; level < MAX_LEVELS; level++) {
    const candidate = path.join(dir, CONFIG_FILE_NAME);
    if (isFile(candidate)) return candidate;
    if (fs.existsSync(path.join(dir, '.git'))) return undefined;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
  return undefined;
}

export function loadConfigFile(file: string): LoadedConfig {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    return { config: EMPTY_CONFIG, file, errors: [{ line: 1, column: 1, message: `cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` }] };
  }
  const { config, errors } = parseConfig(text);
  return { config, file, errors };
}

/** The configuration for a folder: the file found upwards from it, or none. */
export function loadConfigFor(startDir: string): LoadedConfig {
  const file = findConfigFile(startDir);
  return file ? loadConfigFile(file) : { config: EMPTY_CONFIG, errors: [] };
}

function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}
