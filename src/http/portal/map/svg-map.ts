import type { AreaGeometry } from '../../../core/notice/notice.js';
import { html, join, raw, type Html } from '../html.js';
import { placeBadges, type PlacedBadge } from './badges.js';
import type { LandShape } from './land.js';
import {
  atLeast,
  boxOf,
  clipRing,
  fit,
  pathData,
  scaleBar,
  simplify,
  type Box,
  type LonLat,
  type Projection,
  type Pt,
} from './projection.js';

/** One thing drawn on a map, numbered as the page's list numbers it. */
export interface MapShape {
  number: number;
  kind: 'area' | 'closure';
  geometry: AreaGeometry;
}

export interface MapMarker {
  number: number;
  at: LonLat;
  /** Hollow when it is still to come. */
  current: boolean;
}

export interface MapPlace {
  name: string;
  at: LonLat;
}

export interface MapInput {
  /** The picture's accessible name and longer description. */
  title: string;
  description: string;
  shapes?: MapShape[];
  markers?: MapMarker[];
  places: MapPlace[];
  land: LandShape[];
  /** The view: everything drawn fits; at least this many km across. */
  minKm: number;
  /** Places and land beyond the drawn things to include in the view (a city's centre). */
  include?: LonLat[];
  legend: { area?: string; closure?: string; place?: string; current?: string; upcoming?: string };
  scaleLabel: (km: number) => string;
  /**
   * What the page's script needs to draw the same shapes over a street basemap. The drawing stays:
   * it is what prints and what a reader without JavaScript or WebGL sees.
   */
  streetMap?: Record<string, unknown>;
}

/**
 * Two drawings of the same map: one for screens and print, and one for phones, narrower in its own
 * units so that its names and numbers keep a readable size at 320 px instead of shrinking to half.
 * CSS shows one of them; each places its own labels and badges.
 */
const VIEWS = [
  { name: 'wide', width: 640, maxHeight: 440 },
  { name: 'narrow', width: 340, maxHeight: 380 },
] as const;

function linesOf(g: AreaGeometry): { lines: LonLat[][]; closed: boolean } {
  switch (g.type) {
    case 'Polygon':
      return { lines: g.coordinates.map((r) => r.map(toLonLat)), closed: true };
    case 'MultiPolygon':
      return { lines: g.coordinates.flat().map((r) => r.map(toLonLat)), closed: true };
    case 'LineString':
      return { lines: [g.coordinates.map(toLonLat)], closed: false };
    case 'MultiLineString':
      return { lines: g.coordinates.map((l) => l.map(toLonLat)), closed: false };
  }
}

const toLonLat = (p: number[]): LonLat => [p[0] ?? NaN, p[1] ?? NaN];

function drawLine(proj: Projection, line: LonLat[], closed: boolean): string {
  return pathData(simplify(line.map(proj.project), 0.6), closed);
}

const landCache = new Map<string, string>();

/** Land is the same for every language and every render of a view: drawn once per view. */
function drawLand(proj: Projection, land: LandShape[], box: Box): Html {
  const key = `${box.west},${box.south},${box.east},${box.north},${proj.width},${proj.height}`;
  let d = landCache.get(key);
  if (d === undefined) {
    const m = 20;
    const paths: string[] = [];
    for (const shape of land) {
      if (shape.east < box.west - 5 || shape.west > box.east + 5) continue;
      if (shape.north < box.south - 5 || shape.south > box.north + 5) continue;
      for (const ring of shape.rings) {
        const clipped = clipRing(ring.map(proj.project), -m, -m, proj.width + m, proj.height + m);
        if (clipped.length >= 3) paths.push(pathData(simplify(clipped, 0.8), true));
      }
    }
    d = paths.join('');
    if (landCache.size > 200) landCache.clear();
    landCache.set(key, d);
  }
  return html`<path class="land" d="${d}" fill="#f6f3ec" stroke="#8a8f96" stroke-width="1" />`;
}

function centreOf(points: LonLat[]): LonLat {
  const box = boxOf(points)!;
  return [(box.west + box.east) / 2, (box.south + box.north) / 2];
}

const BADGE_RADIUS = 10;
/** left, top, right, bottom in drawing units */
type Rect = [number, number, number, number];
const round1 = (v: number) => Math.round(v * 10) / 10;

/** A numbered badge; moved off its spot so as not to cover another, with a line back to the spot. */
function badge(b: PlacedBadge, hollow: boolean): Html {
  const [x, y] = b.drawn.map(round1) as Pt;
  const [ax, ay] = b.at.map(round1) as Pt;
  const moved = Math.hypot(x - ax, y - ay) > 1;
  return html`<g class="num"
    >${
      moved
        ? html`<path d="M${ax} ${ay}L${x} ${y}" stroke="#1d5fa8" stroke-width="1.5" /><circle
              cx="${ax}"
              cy="${ay}"
              r="3"
              fill="#1d5fa8"
            />`
        : ''
    }<circle
      cx="${x}"
      cy="${y}"
      r="${BADGE_RADIUS}"
      fill="${hollow ? '#fff' : '#1d5fa8'}"
      stroke="#1d5fa8"
      stroke-width="2.5"
    /><text
      x="${x}"
      y="${y + 4.5}"
      text-anchor="middle"
      font-size="13"
      font-weight="700"
      fill="${hollow ? '#1d5fa8' : '#fff'}"
      >${b.number}</text
    ></g
  >`;
}

/**
 * A server-drawn SVG map: land from the packaged basemap, places for orientation, the notice's
 * areas and closures (or, on the home page, one numbered marker per notice), a scale bar and a
 * legend. A few kilobytes instead of a tiled map's hundreds, and readable with JavaScript off.
 */
export function renderMap(input: MapInput): Html {
  const shapes = input.shapes ?? [];
  const markers = input.markers ?? [];
  const legend = [
    input.legend.area && html`<li><span class="swatch" aria-hidden="true"></span>${input.legend.area}</li>`,
    input.legend.closure &&
      html`<li><span class="swatch closure" aria-hidden="true"></span>${input.legend.closure}</li>`,
    input.legend.current &&
      html`<li><span class="swatch marker" aria-hidden="true"></span>${input.legend.current}</li>`,
    input.legend.upcoming &&
      html`<li><span class="swatch marker hollow" aria-hidden="true"></span>${input.legend.upcoming}</li>`,
    input.legend.place &&
      html`<li><span class="swatch city" aria-hidden="true"></span>${input.legend.place}</li>`,
  ];
  const id = `map-${shapes.length}-${markers.length}`;
  return html`<figure
    class="map"
    ${input.streetMap ? html`data-street-map="${JSON.stringify(input.streetMap)}"` : ''}
  >
    ${join(VIEWS.map((v) => drawView(input, v.width, v.maxHeight, `${id}-${v.name}`, `map-${v.name}`)))}
    <figcaption>
      <ul class="legend">
        ${legend}
      </ul>
    </figcaption>
  </figure>`;
}

function drawView(input: MapInput, width: number, maxHeight: number, id: string, className: string): Html {
  const shapes = input.shapes ?? [];
  const markers = input.markers ?? [];
  const drawn = shapes.flatMap((s) => linesOf(s.geometry).lines.flat());
  const all = [...drawn, ...markers.map((m) => m.at), ...(input.include ?? [])];
  const bounds = boxOf(all) ?? { west: 46.5, south: 40.5, east: 87.3, north: 55.5 };
  const box = atLeast(bounds, input.minKm);
  const proj = fit(box, width, maxHeight);
  const areas = shapes
    .filter((s) => s.kind === 'area')
    .map(
      (s) =>
        html`<path
          d="${linesOf(s.geometry)
            .lines.map((l) => drawLine(proj, l, true))
            .join('')}"
          fill="#1d5fa8"
          fill-opacity="0.22"
          stroke="#1d5fa8"
          stroke-width="2.5"
          fill-rule="evenodd"
        />`,
    );
  const closures = shapes
    .filter((s) => s.kind === 'closure')
    .map((s) => {
      const { lines, closed } = linesOf(s.geometry);
      const d = lines.map((l) => drawLine(proj, l, closed)).join('');
      return html`<path d="${d}" fill="none" stroke="#fff" stroke-width="9" stroke-linecap="round" /><path
          d="${d}"
          fill="none"
          stroke="#b3261e"
          stroke-width="5.5"
          stroke-linecap="round"
          stroke-dasharray="${closed ? '' : '14 5'}"
        />`;
    });
  const spots = [
    ...shapes.map((s) => ({
      number: s.number,
      at: proj.project(centreOf(linesOf(s.geometry).lines.flat())),
    })),
    ...markers.map((m) => ({ number: m.number, at: proj.project(m.at) })),
  ];
  const placedBadges = placeBadges(spots, BADGE_RADIUS, width, proj.height);
  // A place name never covers a badge or another name: it moves to the other side of its dot, or is
  // left out rather than drawn unreadable (its dot stays).
  const r = BADGE_RADIUS + 2;
  const taken: Rect[] = placedBadges.map(({ drawn: [x, y] }) => [x - r, y - r, x + r, y + r]);
  const free = (b: Rect) => taken.every((t) => b[2] < t[0] || b[0] > t[2] || b[3] < t[1] || b[1] > t[3]);
  const places = input.places
    .map((p) => ({ ...p, xy: proj.project(p.at) }))
    .filter(({ xy: [x, y] }) => x > 10 && x < width - 10 && y > 10 && y < proj.height - 10)
    .map(({ name, xy: [x, y] }) => {
      const labelWidth = name.length * 7.6;
      const side = (anchor: 'start' | 'end') => {
        const dx = anchor === 'end' ? -7 : 7;
        const left = anchor === 'end' ? x + dx - labelWidth : x + dx;
        const box: Rect = [left, y - 20, left + labelWidth, y - 2];
        return { anchor, dx, box, fits: box[0] >= 0 && box[2] <= width };
      };
      const preferred = x > width * 0.75 ? 'end' : 'start';
      const label = [side(preferred), side(preferred === 'end' ? 'start' : 'end')].find(
        (s) => s.fits && free(s.box),
      );
      if (label) taken.push(label.box);
      return html`<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="4" fill="#1b1f24" />${
          label
            ? html`<text
                x="${(x + label.dx).toFixed(1)}"
                y="${(y - 6).toFixed(1)}"
                text-anchor="${label.anchor}"
                font-size="14"
                fill="#1b1f24"
                stroke="#fff"
                stroke-width="3"
                paint-order="stroke"
                >${name}</text
              >`
            : ''
        }`;
    });
  const hollow = new Set(markers.filter((m) => !m.current).map((m) => m.number));
  const badges = placedBadges.map((b) => badge(b, hollow.has(b.number)));
  const bar = scaleBar(proj.kmPerUnit, width / 4);
  const y = proj.height - 14;
  const scale = html`<g class="scale"
    ><path d="M14 ${y}h${bar.units.toFixed(1)}" stroke="#1b1f24" stroke-width="3" /><text
      x="14"
      y="${y - 6}"
      font-size="12"
      fill="#1b1f24"
      stroke="#fff"
      stroke-width="3"
      paint-order="stroke"
      >${input.scaleLabel(bar.km)}</text
    ></g
  >`;
  const svg = raw(
    `<svg xmlns="http://www.w3.org/2000/svg" class="${className}" viewBox="0 0 ${width} ${proj.height}" role="img" aria-labelledby="${id}-t ${id}-d" font-family="system-ui,sans-serif">`,
  );
  return html`${svg}<title id="${id}-t">${input.title}</title
    ><desc id="${id}-d">${input.description}</desc>${drawLand(
      proj,
      input.land,
      box,
    )}${join(areas)}${join(closures)}${join(places)}${join(badges)}${scale}${raw('</svg>')}`;
}
