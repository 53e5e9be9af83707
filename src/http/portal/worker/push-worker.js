/* global self, clients */
// The public site's service worker: shows each alert Dabyl pushes (title, body, the page to open)
// and opens that page when the notification is clicked. A message with the tag of one already shown
// (an Update, a Cancel, a retry) replaces it instead of adding another.
self.addEventListener('push', function (event) {
  var data = {};
  try {
    data = event.data ? event.data.json() : {};
  } catch {
    data = { title: 'Dabyl', body: event.data ? event.data.text() : '' };
  }
  event.waitUntil(
    self.registration.showNotification(data.title || 'Dabyl', {
      body: data.body || '',
      tag: data.tag || undefined,
      renotify: Boolean(data.tag),
      requireInteraction: true,
      data: { url: data.url || '/' },
    }),
  );
});

self.addEventListener('notificationclick', function (event) {
  event.notification.close();
  var url = (event.notification.data && event.notification.data.url) || '/';
  event.waitUntil(clients.openWindow(url));
});
