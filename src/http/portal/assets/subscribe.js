/* global document */
// "Use my location" on the subscribe form: fills latitude and longitude from the browser's
// geolocation and picks "a point and a radius". Without JavaScript the button stays hidden and the
// fields are typed by hand.
(function () {
  var button = document.getElementById('use-location');
  if (!button || !('geolocation' in navigator)) return;
  var status = document.getElementById('location-status');
  button.parentElement.hidden = false;
  button.addEventListener('click', function () {
    status.textContent = button.getAttribute('data-locating');
    navigator.geolocation.getCurrentPosition(
      function (position) {
        document.getElementById('lat').value = position.coords.latitude.toFixed(5);
        document.getElementById('lon').value = position.coords.longitude.toFixed(5);
        document.getElementById('mode-point').checked = true;
        status.textContent = '';
      },
      function () {
        status.textContent = button.getAttribute('data-failed');
      },
      { enableHighAccuracy: false, timeout: 15000, maximumAge: 600000 },
    );
  });
})();
