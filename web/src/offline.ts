import type { QueryClient } from '@tanstack/react-query';

/**
 * Registers the console's service worker (web/public/sw.js, decision 0037) in a built console.
 * The first time it takes control of the page, every screen reads again through it, so what an
 * evaluator opened at the HQ is kept before they walk into a building with no signal.
 */
export function keepForOffline(client: QueryClient): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  const first = !navigator.serviceWorker.controller;
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (first) void client.invalidateQueries();
  });
  navigator.serviceWorker.register('/console/sw.js', { scope: '/console/' }).catch(() => {
    // No service worker (a private window, a policy): the console works online as before.
  });
}
