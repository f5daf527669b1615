// The walkthrough's sample, an article and its sidecar shipped inside the
// extension (walkthrough/sample): copied into a new folder, never over
// anything that is already there. No VS Code API here, so it is tested in
// plain Node.
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Where the sample is in the extension (scripts/package.mjs ships it). */
export const SAMPLE_DIRECTORY = path.join('walkthrough', 'sample');
export const SAMPLE_ARTICLE = 'peace-does-not-mean-to-surrender.txt';
export const SAMPLE_FOLDER_NAME = 'marginalia-sample';
/** marginalia-sample, -2, … -100: past that, something is wrong with the folder chosen. */
const MAX_TRIES = 100;

/**
 * Copies the files of `from` into a new folder under `parent` (made if need
 * be): marginalia-sample, or marginalia-sample-2, -3… when that name is taken.
 * Returns the new folder.
 */
export function copySample(from: string, parent: string): string {
  fs.mkdirSync(parent, { recursive: true });
  const target = newFolderIn(parent);
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    // COPYFILE_EXCL: the folder is new, but a file appearing in it meanwhile is still not overwritten.
    if (entry.isFile()) fs.copyFileSync(path.join(from, entry.name), path.join(target, entry.name), fs.constants.COPYFILE_EXCL);
  }
  return target;
}

function newFolderIn(parent: string): string {
  for (let n = 1; n <= MAX_TRIES; n++) {
    const candidate = path.join(parent, n === 1 ? SAMPLE_FOLDER_NAME : `${SAMPLE_FOLDER_NAME}-${n}`);
    try {
      // Made, not checked then made: a folder that appears between the two is never reused.
      fs.mkdirSync(candidate);
      return candidate;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  throw new Error(`${parent} already has ${MAX_TRIES} sample folders`);
}

/** Whether `file` is inside one of `folders` (the sample can then open in this window as it is). */
export function isInside(file: string, folders: readonly string[]): boolean {
  return folders.some((folder) => {
    const relative = path.relative(folder, file);
    return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
  });
}
