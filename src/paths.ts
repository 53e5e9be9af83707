import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package's root folder, whether the code runs from src/ (tsx) or from dist/src/ (built). */
function findRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error('cannot find the Dabyl package root');
    dir = up;
  }
  return dir;
}

export const PACKAGE_ROOT = findRoot();
export const CONSOLE_DIR = path.join(PACKAGE_ROOT, 'dist', 'web');
