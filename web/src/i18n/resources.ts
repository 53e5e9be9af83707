import type { Locale } from '../api/types';

export type Tree = { [key: string]: string | Tree };

/**
 * Every strings file of the console, found by name: `en.json`, `kk.json` and `ru.json` at the top and
 * in each feature's folder. Picking them up by pattern means a new screen adds its folder and nothing
 * else, so no list of imports has to be kept in step (and no two features edit the same lines).
 */
const FILES = import.meta.glob<Tree>(['./*.json', './*/*.json'], { eager: true, import: 'default' });

const LANGUAGE_OF_FILE = /(?:^|\/)(en|kk|ru)\.json$/;

/** Keys defined by more than one file: the test refuses them, since only one of them could show. */
export const COLLISIONS: string[] = [];

function mergeInto(target: Tree, source: Tree, file: string, prefix = ''): void {
  for (const [key, value] of Object.entries(source)) {
    const path = prefix ? `${prefix}.${key}` : key;
    const existing = target[key];
    if (typeof value === 'object' && (existing === undefined || typeof existing === 'object')) {
      const branch: Tree = existing ?? {};
      target[key] = branch;
      mergeInto(branch, value, file, path);
    } else if (existing === undefined) {
      target[key] = value;
    } else {
      COLLISIONS.push(`${file}: ${path}`);
    }
  }
}

function load(): Record<Locale, Tree> {
  const out: Record<Locale, Tree> = { en: {}, kk: {}, ru: {} };
  for (const file of Object.keys(FILES).sort()) {
    const lng = LANGUAGE_OF_FILE.exec(file)?.[1] as Locale | undefined;
    const tree = FILES[file];
    if (lng && tree) mergeInto(out[lng], tree, file);
  }
  return out;
}

/** The console's strings per language, every feature folder merged into one tree. */
export const RESOURCES: Readonly<Record<Locale, Tree>> = load();
