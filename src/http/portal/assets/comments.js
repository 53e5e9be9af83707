/* global document */
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
    var encoder = new TextEncoder();
    var nonce = 0;
    for (;;) {
      var end = nonce + 2000;
      for (; nonce < end; nonce++) {
        var digest = await crypto.subtle.digest('SHA-256', encoder.encode(challenge + nonce));
        if (zeroBits(bytes(digest)) >= difficulty) return String(nonce);
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
