/*
 * The console's service worker (docs/decisions/0037-console-offline-reload.md). It keeps the
 * console's shell and the last answers of the few reads an evaluator's or player's screen needs, so
 * a page reloaded with no network (a basement, a dead cell) still opens, its form and its queue of
 * unsent observations with it. Online, every read goes to the server first; what was kept is used
 * only when the network fails, for at most a session's length, and is dropped at sign-out.
 */
const SHELL = 'dabyl-shell-v1';
const DATA = 'dabyl-data-v1';
const SCOPE = new URL(self.registration.scope).pathname;
const KEPT_FOR_MS = 12 * 3_600_000;
const KEPT_AT = 'x-dabyl-kept-at';

/** The reads an offline screen needs again: the session, the exercise, its plan and its forms. */
const KEPT =
  /^\/api\/v1\/(auth\/session|exercises\/[^/]+(\/(plan|clock|play|observations|observations\/form))?)$/;

async function keepShell() {
  const cache = await caches.open(SHELL);
  const page = await fetch(SCOPE, { cache: 'no-store' });
  if (!page.ok) return;
  const html = await page.clone().text();
  await cache.put(SCOPE, page);
  const assets = [...html.matchAll(/(?:src|href)="([^"]*\/assets\/[^"]+)"/g)].map((m) => m[1]);
  await cache.addAll(assets);
}

self.addEventListener('install', (event) => {
  event.waitUntil(keepShell().then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) if (key !== SHELL && key !== DATA) await caches.delete(key);
      await self.clients.claim();
    })(),
  );
});

async function readKept(request) {
  try {
    const response = await fetch(request);
    if (response.status === 401) await caches.delete(DATA);
    else if (response.ok) {
      const headers = new Headers(response.headers);
      headers.set(KEPT_AT, String(Date.now()));
      const copy = new Response(await response.clone().blob(), { status: response.status, headers });
      await (await caches.open(DATA)).put(request, copy);
    }
    return response;
  } catch (err) {
    const kept = await caches.match(request, { cacheName: DATA });
    if (kept && Date.now() - Number(kept.headers.get(KEPT_AT)) < KEPT_FOR_MS) return kept;
    throw err;
  }
}

async function asset(request) {
  const kept = await caches.match(request, { cacheName: SHELL });
  if (kept) return kept;
  const response = await fetch(request);
  if (response.ok) await (await caches.open(SHELL)).put(request, response.clone());
  return response;
}

async function page(request) {
  try {
    return await fetch(request);
  } catch (err) {
    const kept = await caches.match(SCOPE, { cacheName: SHELL });
    if (kept) return kept;
    throw err;
  }
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method === 'POST' && url.pathname.startsWith('/api/v1/auth/logout')) {
    // Whatever the server answers, nothing read in this session stays on the device.
    event.respondWith(caches.delete(DATA).then(() => fetch(request)));
    return;
  }
  if (request.method !== 'GET') return;
  if (request.mode === 'navigate' && url.pathname.startsWith(SCOPE)) event.respondWith(page(request));
  else if (url.pathname.startsWith(`${SCOPE}assets/`)) event.respondWith(asset(request));
  else if (KEPT.test(url.pathname)) event.respondWith(readKept(request));
});
