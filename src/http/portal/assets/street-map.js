/* global document, window, maplibregl */
// The street map of a notice page, where the server has a street basemap (DABYL_BASEMAP): the same
// numbered areas and closed roads as the drawing, over streets, zoomable. The drawing stays in the
// page and comes back whenever this cannot run (no WebGL, the basemap unreachable), and it is what
// prints.
(function () {
  var figure = document.querySelector('figure.map[data-street-map]');
  if (!figure || typeof maplibregl === 'undefined' || !webgl()) return;
  var config = JSON.parse(figure.getAttribute('data-street-map'));
  var features = config.features || [];

  function webgl() {
    try {
      var canvas = document.createElement('canvas');
      return !!(canvas.getContext('webgl2') || canvas.getContext('webgl'));
    } catch {
      return false;
    }
  }

  function positions(geometry) {
    switch (geometry.type) {
      case 'Point':
        return [geometry.coordinates];
      case 'LineString':
        return geometry.coordinates;
      case 'MultiLineString':
      case 'Polygon':
        return [].concat.apply([], geometry.coordinates);
      case 'MultiPolygon':
        return [].concat.apply([], [].concat.apply([], geometry.coordinates));
      default:
        return [];
    }
  }

  // Where a shape's number sits: the middle of a road, the middle of an area's outline box.
  function labelPoint(geometry) {
    var all = positions(geometry);
    if (geometry.type === 'LineString' || geometry.type === 'MultiLineString') {
      return all[Math.floor(all.length / 2)];
    }
    var box = bounds(all);
    return [(box[0] + box[2]) / 2, (box[1] + box[3]) / 2];
  }

  function bounds(list) {
    var box = [Infinity, Infinity, -Infinity, -Infinity];
    list.forEach(function (p) {
      box[0] = Math.min(box[0], p[0]);
      box[1] = Math.min(box[1], p[1]);
      box[2] = Math.max(box[2], p[0]);
      box[3] = Math.max(box[3], p[1]);
    });
    return box;
  }

  // Numbers whose places fall within a badge of each other at this zoom (an area inside another,
  // a road through an area's middle) would sit on top of one another and hide all but one: each
  // such group is set side by side, in list order, centred on where its members belong. A row can
  // reach another number, so groups that touch are merged and laid out again until none do (as the
  // drawing under the map does, map/badges.ts).
  var BADGE = 30;
  function spread(markers) {
    var points = markers.map(function (m) {
      return map.project(m.getLngLat());
    });
    var groups = markers.map(function (_, i) {
      return [i];
    });
    var drawn = points.map(function (p) {
      return [p.x, p.y];
    });
    for (var round = 0; round <= markers.length; round++) {
      var merged = mergeTouching(groups, drawn);
      if (merged.length === groups.length && round > 0) break;
      groups = merged;
      groups.forEach(function (g) {
        var cx = 0;
        var cy = 0;
        g.forEach(function (i) {
          cx += points[i].x / g.length;
          cy += points[i].y / g.length;
        });
        g.forEach(function (i, at) {
          drawn[i] = [cx + (at - (g.length - 1) / 2) * BADGE, cy];
        });
      });
    }
    markers.forEach(function (m, i) {
      m.setOffset([drawn[i][0] - points[i].x, drawn[i][1] - points[i].y]);
    });
  }

  function mergeTouching(groups, drawn) {
    var parent = groups.map(function (_, i) {
      return i;
    });
    function find(i) {
      return parent[i] === i ? i : (parent[i] = find(parent[i]));
    }
    var groupOf = [];
    groups.forEach(function (g, gi) {
      g.forEach(function (i) {
        groupOf[i] = gi;
      });
    });
    for (var a = 0; a < drawn.length; a++)
      for (var b = a + 1; b < drawn.length; b++)
        if (
          Math.abs(drawn[a][0] - drawn[b][0]) < BADGE - 0.5 &&
          Math.abs(drawn[a][1] - drawn[b][1]) < BADGE - 0.5
        )
          parent[find(groupOf[a])] = find(groupOf[b]);
    var out = {};
    groups.forEach(function (g, gi) {
      var root = find(gi);
      out[root] = (out[root] || []).concat(g);
    });
    return Object.keys(out).map(function (k) {
      return out[k].sort(function (x, y) {
        return x - y;
      });
    });
  }

  var all = [].concat.apply(
    [],
    features.map(function (f) {
      return positions(f.geometry);
    }),
  );
  var view = all.length
    ? { bounds: bounds(all), fitBoundsOptions: { padding: 48, maxZoom: 16 } }
    : { center: config.center || [67, 48], zoom: config.center ? 11 : 3 };

  var box = document.createElement('div');
  box.className = 'street-map';
  box.setAttribute('role', 'region');
  box.setAttribute('aria-label', config.label);
  figure.insertBefore(box, figure.firstChild);

  var loaded = false;
  var map = new maplibregl.Map(
    Object.assign(
      {
        container: box,
        style: config.style,
        // Relative URLs in the style are fetched by the worker, which cannot resolve them itself.
        transformRequest: function (url) {
          return { url: new URL(url, window.location.href).href };
        },
        attributionControl: { compact: true },
        // A page scrolls under the reader's finger or wheel; the map takes two fingers or Ctrl.
        cooperativeGestures: true,
        locale: config.locale,
      },
      view,
    ),
  );
  map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
  map.addControl(new maplibregl.ScaleControl({}), 'bottom-left');

  function giveUp() {
    if (loaded) return;
    loaded = true;
    map.remove();
    box.remove();
  }
  map.on('error', giveUp);

  map.on('load', function () {
    if (loaded) return;
    loaded = true;
    map.off('error', giveUp);
    map.addSource('notice', { type: 'geojson', data: { type: 'FeatureCollection', features: features } });
    var isArea = ['==', ['get', 'kind'], 'area'];
    var isClosure = ['==', ['get', 'kind'], 'closure'];
    var polygon = ['in', ['geometry-type'], ['literal', ['Polygon', 'MultiPolygon']]];
    var line = ['in', ['geometry-type'], ['literal', ['LineString', 'MultiLineString']]];
    map.addLayer({
      id: 'notice-area-fill',
      type: 'fill',
      source: 'notice',
      filter: ['all', isArea, polygon],
      paint: { 'fill-color': '#1d5fa8', 'fill-opacity': 0.22 },
    });
    map.addLayer({
      id: 'notice-area-line',
      type: 'line',
      source: 'notice',
      filter: isArea,
      paint: { 'line-color': '#1d5fa8', 'line-width': 2.5 },
    });
    map.addLayer({
      id: 'notice-closure-fill',
      type: 'fill',
      source: 'notice',
      filter: ['all', isClosure, polygon],
      paint: { 'fill-color': '#b3261e', 'fill-opacity': 0.15 },
    });
    map.addLayer({
      id: 'notice-closure-casing',
      type: 'line',
      source: 'notice',
      filter: isClosure,
      layout: { 'line-cap': 'round', 'line-join': 'round' },
      paint: { 'line-color': '#ffffff', 'line-width': 9 },
    });
    map.addLayer({
      id: 'notice-closure-line',
      type: 'line',
      source: 'notice',
      filter: ['all', isClosure, line],
      layout: { 'line-cap': 'round', 'line-join': 'round' },
      paint: { 'line-color': '#b3261e', 'line-width': 5.5, 'line-dasharray': [2.5, 1] },
    });
    map.addLayer({
      id: 'notice-closure-outline',
      type: 'line',
      source: 'notice',
      filter: ['all', isClosure, polygon],
      paint: { 'line-color': '#b3261e', 'line-width': 4 },
    });
    // Numbers as page elements, not map text: they need no font from the basemap, and they read
    // as the list below the map reads.
    var markers = features.map(function (f) {
      var badge = document.createElement('span');
      badge.className = 'street-map-number ' + f.properties.kind;
      badge.textContent = String(f.properties.n);
      badge.setAttribute('aria-hidden', 'true');
      return new maplibregl.Marker({ element: badge }).setLngLat(labelPoint(f.geometry)).addTo(map);
    });
    spread(markers);
    map.on('zoomend', function () {
      spread(markers);
    });
    figure.classList.add('has-street-map');
  });
})();
