/* global document, window */
// "Get alerts on this device": registers the push worker, asks the browser for a push subscription
// with this server's key, and hands it to Dabyl with the chosen area. "Stop" removes an area, or the
// device. Without JavaScript, or in a browser without push, the section stays hidden.
(function () {
  var section = document.getElementById('device-alerts');
  if (!section || !('serviceWorker' in navigator) || !('PushManager' in window)) return;
  section.hidden = false;
  var say = function (key) {
    document.getElementById('push-status').textContent = section.getAttribute('data-' + key);
  };
  var keyBytes = function (b64) {
    var s = window.atob(b64.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((b64.length + 3) % 4));
    var out = new Uint8Array(s.length);
    for (var i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
    return out;
  };
  var post = function (path, body) {
    return fetch('/api/v1/push/' + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }).then(function (r) {
      if (!r.ok) throw new Error('push ' + path + ': ' + r.status);
      return r.json();
    });
  };
  var show = function (answer) {
    var list = document.getElementById('push-places');
    list.textContent = '';
    answer.places.forEach(function (p) {
      var li = document.createElement('li');
      li.textContent = p.label + ' ';
      var stop = document.createElement('button');
      stop.type = 'button';
      stop.className = 'secondary';
      stop.textContent = section.getAttribute('data-stop');
      stop.addEventListener('click', function () {
        current().then(function (sub) {
          if (!sub) return;
          return post('unsubscribe', { endpoint: sub.endpoint, placeId: p.placeId }).then(function (a) {
            show(a);
            say('stopped');
            if (!a.places.length) return sub.unsubscribe();
          });
        });
      });
      li.appendChild(stop);
      list.appendChild(li);
    });
    document.getElementById('push-following').hidden = answer.places.length === 0;
  };
  var registration = navigator.serviceWorker.register('/push-worker.js', { scope: '/' });
  var current = function () {
    return registration.then(function (r) {
      return r.pushManager.getSubscription();
    });
  };
  current().then(function (sub) {
    if (sub) post('places', { endpoint: sub.endpoint }).then(show);
  });
  document.getElementById('push-subscribe').addEventListener('click', function () {
    var placeId = document.getElementById('push-place').value;
    if (!placeId) return say('choose');
    say('asking');
    window.Notification.requestPermission()
      .then(function (permission) {
        if (permission !== 'granted') throw Object.assign(new Error('denied'), { denied: true });
        return registration;
      })
      .then(function (r) {
        return r.pushManager.getSubscription().then(function (sub) {
          return (
            sub ||
            r.pushManager.subscribe({
              userVisibleOnly: true,
              applicationServerKey: keyBytes(section.getAttribute('data-key')),
            })
          );
        });
      })
      .then(function (sub) {
        return post('subscriptions', {
          subscription: sub.toJSON(),
          placeId: placeId,
          language: section.getAttribute('data-lang'),
        });
      })
      .then(function (answer) {
        show(answer);
        say('done');
      })
      .catch(function (err) {
        say(err && err.denied ? 'denied' : 'failed');
      });
  });
  document.getElementById('push-stop-all').addEventListener('click', function () {
    current().then(function (sub) {
      if (!sub) return;
      return post('unsubscribe', { endpoint: sub.endpoint }).then(function (a) {
        show(a);
        say('stopped');
        return sub.unsubscribe();
      });
    });
  });
})();
