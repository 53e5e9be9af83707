import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { AppContext } from '../../services/context.js';
import { portalAssets } from './assets.js';
import type { PortalCache } from './cache/portal-cache.js';
import type { Resource } from './cache/resource.js';
import { PORTAL_LANGS, texts } from './i18n.js';
import { createPortalCache } from './routes.js';

export interface ExportOptions {
  /** The address the exported site will be reached at, for canonical links and feeds. */
  baseUrl: string;
  onProgress?: (done: number, total: number) => void;
}

export interface ExportResult {
  dir: string;
  files: number;
  bytes: number;
}

/** Where a served path lands on disk: pages become `…/index.html` so any static server finds them. */
export function fileFor(urlPath: string): string | null {
  const segments = urlPath.split('/').filter(Boolean).map(decodeURIComponent);
  if (
    segments.some((s) => s === '.' || s === '..' || s.includes('/') || s.includes('\\') || s.includes('\0'))
  )
    return null;
  if (urlPath.endsWith('/')) return path.join(...segments, 'index.html');
  const last = segments.at(-1) ?? '';
  if (/^404$/.test(last)) return path.join(...segments.slice(0, -1), '404.html');
  if (/\.(atom|ics|json|cap|css|js|svg|html)$/.test(last)) return path.join(...segments);
  return path.join(...segments, 'index.html');
}

/** `/` of a static copy cannot read Accept-Language: it links every language and goes to the default one. */
function rootPage(defaultLang: string): string {
  const links = PORTAL_LANGS.map(
    (l) => `<li><a href="/${l}/" hreflang="${l}" lang="${l}">${texts(l).languageNames[l]}</a></li>`,
  ).join('');
  return `<!doctype html><html lang="${defaultLang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta http-equiv="refresh" content="0; url=/${defaultLang}/"><title>${texts('kk').siteName}</title></head><body><ul>${links}</ul></body></html>\n`;
}

function write(
  dir: string,
  files: [string, Resource | string][],
  onProgress?: (done: number, total: number) => void,
): ExportResult {
  const target = path.resolve(dir);
  const staging = `${target}.next-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  let bytes = 0;
  let done = 0;
  for (const [urlPath, content] of files) {
    const relative = fileFor(urlPath);
    done++;
    if (!relative) continue;
    const file = path.join(staging, relative);
    mkdirSync(path.dirname(file), { recursive: true });
    const body = typeof content === 'string' ? Buffer.from(content) : content.body;
    writeFileSync(file, body);
    bytes += body.length;
    onProgress?.(done, files.length);
  }
  // Readers of the folder see the old copy or the new one, not a half-written mix.
  const old = `${target}.old-${process.pid}`;
  if (existsSync(target)) renameSync(target, old);
  renameSync(staging, target);
  rmSync(old, { recursive: true, force: true });
  return { dir: target, files: files.length, bytes };
}

async function siteFiles(cache: PortalCache, defaultLang: string): Promise<[string, Resource | string][]> {
  const resources = await cache.all();
  const files: [string, Resource | string][] = [['/index.html', rootPage(defaultLang)]];
  for (const [urlPath, resource] of resources) files.push([urlPath, resource]);
  for (const asset of portalAssets().values()) files.push([asset.url, asset.resource]);
  return files;
}

/** Writes the whole public site and its feeds as static files, exactly the bytes the server sends. */
export async function exportPortal(
  ctx: AppContext,
  dir: string,
  options: ExportOptions,
): Promise<ExportResult> {
  const cache = createPortalCache(ctx, options.baseUrl);
  return write(dir, await siteFiles(cache, ctx.config.publicLanguage), options.onProgress);
}

/**
 * Keeps a static copy current: looks at the portal generation every second and writes the site
 * again whenever it was rendered again (a publication, a drill starting or ending).
 */
export function watchPortalExport(
  ctx: AppContext,
  dir: string,
  log: (level: 'info' | 'error', message: string) => void,
): { stop(): Promise<void> } {
  const cache = createPortalCache(ctx);
  let exported = 0;
  let running: Promise<void> = Promise.resolve();
  const tick = () => {
    running = running.then(async () => {
      try {
        await cache.refresh();
        if (cache.renders === exported) return;
        exported = cache.renders;
        const result = write(dir, await siteFiles(cache, ctx.config.publicLanguage));
        log('info', `public site exported to ${result.dir}: ${result.files} files, ${result.bytes} bytes`);
      } catch (err) {
        log('error', `public site export to ${dir} failed: ${(err as Error).message}`);
      }
    });
  };
  tick();
  const timer = setInterval(tick, 1000);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
