/* global document, window */
// "Use my position" on an inject's link page: fills the report's latitude and longitude boxes from
// the phone's position. The boxes work without it; the position is sent only with the report, when
// the player sends it, and they can correct or clear it first.
(function () {
  var button = document.getElementById('locate');
  var latitude = document.getElementById('report-latitude');
  var longitude = document.getElementById('report-longitude');
  // Browsers give a position only to pages served over https (or from this machine).
  if (!button || !latitude || !longitude || !('geolocation' in navigator) || !window.isSecureContext) return;
  var status = document.getElementById('locate-status');
  var lang = document.documentElement.lang || 'en';
  // As the player would type them: a decimal comma in Kazakh and Russian; 5 decimals is about a metre.
  var degrees = new Intl.NumberFormat(lang, {
    minimumFractionDigits: 5,
    maximumFractionDigits: 5,
    useGrouping: false,
  });
  var metres = new Intl.NumberFormat(lang, { maximumFractionDigits: 0 });
  button.parentElement.hidden = false;

  function done(message) {
    status.textContent = message;
    button.disabled = false;
    button.removeAttribute('aria-busy');
  }

  button.addEventListener('click', function () {
    status.textContent = button.dataset.locating;
    button.disabled = true;
    button.setAttribute('aria-busy', 'true');
    navigator.geolocation.getCurrentPosition(
      function (position) {
        latitude.value = degrees.format(position.coords.latitude);
        longitude.value = degrees.format(position.coords.longitude);
        latitude.removeAttribute('aria-invalid');
        longitude.removeAttribute('aria-invalid');
        done(button.dataset.located.replace('{m}', metres.format(position.coords.accuracy)));
      },
      function () {
        done(button.dataset.failed);
      },
      // A fresh fix: where the player stands now, not where the phone was a while ago.
      { enableHighAccuracy: true, timeout: 20000, maximumAge: 30000 },
    );
  });
})();
