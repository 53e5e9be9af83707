import type { FitBoundsOptions, Map as MapLibreMap } from 'maplibre-gl';
import { useEffect, useRef, type RefObject } from 'react';
import type { Box } from './useBasemapMap';

const MAX_ZOOM = 15;
/** The margin around the framed places: a tenth of the map's smaller side, within these. */
const MOST = 48;
const LEAST = 12;
/** Kept between the places and the legend's edge. */
const GAP = 8;

const area = (width: number, height: number) => (width > 0 && height > 0 ? width * height : 0);

const sizeOf = (el: HTMLElement) => `${el.offsetWidth}x${el.offsetHeight}`;

/** The size of each legend that the last framing made room for. */
const roomMadeFor = new WeakMap<HTMLElement, string>();

/**
 * How to frame places in the map `container`: a margin scaled to the map (48 px on a desk's map
 * would leave a phone's little room), and the bottom-right corner under `legend` kept clear, by
 * framing above it or beside it, whichever leaves the bigger picture.
 */
export function fitOptions(container: HTMLElement, legend: HTMLElement | null): FitBoundsOptions {
  const map = container.getBoundingClientRect();
  const edge = Math.round(Math.min(MOST, Math.max(LEAST, Math.min(map.width, map.height) / 10)));
  const padding = { top: edge, right: edge, bottom: edge, left: edge };
  if (legend) roomMadeFor.set(legend, sizeOf(legend));
  const key = legend?.getBoundingClientRect();
  if (key && key.width > 0 && key.height > 0) {
    const below = Math.max(edge, map.bottom - key.top + GAP);
    const beside = Math.max(edge, map.right - key.left + GAP);
    const above = area(map.width - 2 * edge, map.height - edge - below);
    const left = area(map.width - edge - beside, map.height - 2 * edge);
    if (above > 0 && above >= left) padding.bottom = below;
    else if (left > 0) padding.right = beside;
  }
  return { padding, maxZoom: MAX_ZOOM, duration: 0 };
}

/**
 * Keeps `target` framed with {@link fitOptions}: when it changes (unless the map was made framing
 * it), and again whenever the map's size changes (a phone turned, a window narrowed, a dialog
 * opening) or the legend's does (a first report adds its entry), for as long as the reader has not
 * moved the map themselves. The bounds shown are written to the container's `data-bounds`
 * ("west,south,east,north"), for the tests that check what is in view.
 */
export function useFraming(
  map: MapLibreMap | null,
  target: Box | null,
  legend: RefObject<HTMLElement | null>,
): void {
  const madeOn = useRef(target?.join(',') ?? null);
  const targetKey = target?.join(',') ?? null;

  useEffect(() => {
    if (!map || !targetKey) return;
    const box = targetKey.split(',').map(Number) as Box;
    let moved = false;
    const fit = () => void map.fitBounds(box, fitOptions(map.getContainer(), legend.current));
    if (madeOn.current !== targetKey) fit();
    madeOn.current = null;
    // Only a reader's own move carries the event that caused it; resizes and fits carry none.
    const byReader = (e: { originalEvent?: unknown }) => {
      if (e.originalEvent) moved = true;
    };
    const refit = () => {
      if (!moved) fit();
    };
    map.on('movestart', byReader);
    map.on('resize', refit);
    // A legend grown or shrunk since the last framing (which may have been the map's making).
    const grown = new ResizeObserver(() => {
      const key = legend.current;
      if (key && roomMadeFor.get(key) !== sizeOf(key)) refit();
    });
    if (legend.current) grown.observe(legend.current);
    return () => {
      map.off('movestart', byReader);
      map.off('resize', refit);
      grown.disconnect();
    };
  }, [map, targetKey, legend]);

  useEffect(() => {
    if (!map) return;
    const show = () => {
      map.getContainer().dataset.bounds = map
        .getBounds()
        .toArray()
        .flat()
        .map((n) => n.toFixed(6))
        .join(',');
    };
    show();
    map.on('moveend', show);
    return () => {
      map.off('moveend', show);
    };
  }, [map]);
}
