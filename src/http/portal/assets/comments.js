/* global document, window */
// The comment form's two helpers: a live character counter and the proof-of-work solved on
// submit. Same-origin and no inline script, as the site's Content-Security-Policy requires.
(function () {
  'use strict';
  var form = document.querySelector('form.comment-form');
  if (!form) return;
  var body = form.querySelector('textarea[name="body"]');
  var counter = document.getElementById('comment-counter');
  var status = form.querySelector('.comment-status');
  var limit = Number(body.getAttribute('data-limit'));
  var numbers = new Intl.NumberFormat(body.getAttribute('data-locale') || undefined);

  // Code points, as the server counts: an emoji or a Kazakh letter is one character. Line breaks
  // are one each here and on the server (which turns the CR LF the browser sends back into LF).
  function count(text) {
    var n = 0;
    for (var _ of text) n++;
    return n;
  }

  function update() {
    var used = count(body.value);
    counter.textContent = numbers.format(used) + ' / ' + numbers.format(limit);
    counter.parentElement.classList.toggle('over', used > limit);
    // maxlength counts UTF-16 units, so an emoji would use two of the 1,500; widen it by the
    // surrogate pairs typed so far so the browser stops at the same place the server does.
    body.maxLength = limit + (body.value.length - used);
  }
  body.addEventListener('input', update);
  update();

  // SHA-256 in plain JavaScript, for pages served over plain http on a network name, where
  // browsers withhold crypto.subtle. Slower, but the comment still goes through.
  var K = [];
  (function () {
    var n = 2;
    for (var found = 0; found < 64; n++) {
      var prime = true;
      for (var d = 2; d * d <= n; d++) if (n % d === 0) prime = false;
      if (prime) K[found++] = (Math.pow(n, 1 / 3) * 0x100000000) | 0;
    }
  })();
  var H0 = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];

  function sha256(bytes) {
    var length = bytes.length;
    var blocks = Math.ceil((length + 9) / 64);
    var m = new Uint8Array(blocks * 64);
    m.set(bytes);
    m[length] = 0x80;
    var view = new DataView(m.buffer);
    view.setUint32(m.length - 4, length * 8);
    var h = H0.slice();
    var w = new Int32Array(64);
    for (var b = 0; b < blocks; b++) {
      for (var i = 0; i < 16; i++) w[i] = view.getInt32(b * 64 + i * 4);
      for (i = 16; i < 64; i++) {
        var x = w[i - 15];
        var y = w[i - 2];
        var s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
        var s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
        w[i] = (w[i - 16] + s0 + w[i - 7] + s1) | 0;
      }
      var a = h[0],
        c = h[2],
        e = h[4],
        f = h[5],
        g = h[6],
        k = h[7],
        bb = h[1],
        dd = h[3];
      for (i = 0; i < 64; i++) {
        var S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
        var t1 = (k + S1 + ((e & f) ^ (~e & g)) + K[i] + w[i]) | 0;
        var S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
        var t2 = (S0 + ((a & bb) ^ (a & c) ^ (bb & c))) | 0;
        k = g;
        g = f;
        f = e;
        e = (dd + t1) | 0;
        dd = c;
        c = bb;
        bb = a;
        a = (t1 + t2) | 0;
      }
      h[0] = (h[0] + a) | 0;
      h[1] = (h[1] + bb) | 0;
      h[2] = (h[2] + c) | 0;
      h[3] = (h[3] + dd) | 0;
      h[4] = (h[4] + e) | 0;
      h[5] = (h[5] + f) | 0;
      h[6] = (h[6] + g) | 0;
      h[7] = (h[7] + k) | 0;
    }
    var out = new Uint8Array(32);
    var ov = new DataView(out.buffer);
    for (i = 0; i < 8; i++) ov.setInt32(i * 4, h[i]);
    return out;
  }

  function bytes(buffer) {
    return new Uint8Array(buffer);
  }

  function zeroBits(bytes) {
    var bits = 0;
    for (var i = 0; i < bytes.length; i++) {
      if (bytes[i] === 0) {
        bits += 8;
        continue;
      }
      return bits + Math.clz32(bytes[i]) - 24;
    }
    return bits;
  }

  // Hashes in chunks and yields between them, so the page keeps responding while it works.
  async function solve(challenge, difficulty) {
    var subtle = window.crypto && window.crypto.subtle;
    var encoder = new TextEncoder();
    var nonce = 0;
    for (;;) {
      var end = nonce + 2000;
      for (; nonce < end; nonce++) {
        var data = encoder.encode(challenge + nonce);
        var digest = subtle ? bytes(await subtle.digest('SHA-256', data)) : sha256(data);
        if (zeroBits(digest) >= difficulty) return String(nonce);
      }
      await new Promise(function (resolve) {
        setTimeout(resolve, 0);
      });
    }
  }

  var solved = false;
  form.addEventListener('submit', async function (event) {
    if (solved) return;
    event.preventDefault();
    var button = form.querySelector('button[type="submit"]');
    button.disabled = true;
    status.textContent = form.getAttribute('data-working');
    try {
      var res = await fetch(form.getAttribute('data-challenge-url'), {
        credentials: 'same-origin',
        cache: 'no-store',
      });
      if (!res.ok) throw new Error('challenge ' + res.status);
      var c = await res.json();
      form.elements.namedItem('challenge').value = c.challenge;
      form.elements.namedItem('nonce').value = await solve(c.challenge, c.difficulty);
      solved = true;
      status.textContent = '';
      form.submit();
    } catch {
      status.textContent = form.getAttribute('data-pow-error');
      button.disabled = false;
    }
  });
})();
