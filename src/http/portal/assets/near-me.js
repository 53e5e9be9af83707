/* global document */
// "Near me" on the home page: asks the browser for the reader's position and sorts the listed
// notices by distance. The position never leaves the browser: nothing is sent anywhere.
(function () {
  var button = document.getElementById('near-me');
  if (!button || !('geolocation' in navigator)) return;
  var status = document.getElementById('near-me-status');
  button.parentElement.hidden = false;

  function km(lat1, lon1, lat2, lon2) {
    var rad = Math.PI / 180;
    var dLat = (lat2 - lat1) * rad;
    var dLon = (lon2 - lon1) * rad;
    var a =
      Math.sin(dLat / 2) * Math.sin(dLat / 2) +
      Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
    return 12742 * Math.asin(Math.sqrt(a));
  }

  function sort(position) {
    var lat = position.coords.latitude;
    var lon = position.coords.longitude;
    var format = new Intl.NumberFormat(button.dataset.locale, { maximumFractionDigits: 0 });
    document.querySelectorAll('.near-sortable').forEach(function (list) {
      var cards = Array.prototype.slice.call(list.children);
      cards.forEach(function (card) {
        var cLat = parseFloat(card.dataset.lat);
        var cLon = parseFloat(card.dataset.lon);
        card.distance = isNaN(cLat) || isNaN(cLon) ? Infinity : km(lat, lon, cLat, cLon);
        var note = card.querySelector('.distance');
        if (note && card.distance !== Infinity) {
          note.textContent = button.dataset.km.replace('{km}', format.format(card.distance));
          note.hidden = false;
        }
      });
      cards.sort(function (a, b) {
        return a.distance - b.distance;
      });
      cards.forEach(function (card) {
        list.appendChild(card);
      });
    });
    // Cities nearest first as well: each city's group moves by its nearest notice.
    var groups = Array.prototype.slice.call(document.querySelectorAll('.city-group'));
    var parents = [];
    groups.forEach(function (g) {
      if (parents.indexOf(g.parentElement) === -1) parents.push(g.parentElement);
      var first = g.querySelector('.card');
      g.distance = first && first.distance !== undefined ? first.distance : Infinity;
    });
    parents.forEach(function (parent) {
      groups
        .filter(function (g) {
          return g.parentElement === parent;
        })
        .sort(function (a, b) {
          return a.distance - b.distance;
        })
        .forEach(function (g) {
          parent.appendChild(g);
        });
    });
    status.textContent = button.dataset.done;
  }

  button.addEventListener('click', function () {
    status.textContent = button.dataset.working;
    navigator.geolocation.getCurrentPosition(
      sort,
      function () {
        status.textContent = button.dataset.failed;
      },
      { enableHighAccuracy: false, timeout: 15000, maximumAge: 600000 },
    );
  });
})();
