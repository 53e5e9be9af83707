import maplibregl, { type FitBoundsOptions, type Map as MapLibreMap } from 'maplibre-gl';
import { useEffect, useRef, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { DRAFT, DRAFT_LAYERS, OVERLAY, OVERLAY_LAYERS } from './layers';

/**
 * Served by Dabyl: the packaged offline basemap with its labels in `language`, or a redirect to the
 * configured one.
 */
export const basemapStyleUrl = (language: string) => `/basemap/style.json?lang=${mapLanguage(language)}`;

const mapLanguage = (language: string) => (language === 'kk' || language === 'ru' ? language : 'en');

/** A place's name in `language`, as the server's style writes it (src/http/basemap/style.ts). */
function labelIn(language: string): unknown[] {
  const lang = mapLanguage(language);
  if (lang === 'en') return ['coalesce', ['get', 'name:en'], ['get', 'name']];
  return ['coalesce', ['get', `name_${lang}`], ['get', `name:${lang}`], ['get', 'name']];
}

/** Kazakhstan, where the seed exercises are, until the features say where to look. */
const START = { center: [67, 48] as [number, number], zoom: 3 };

const EMPTY = { type: 'FeatureCollection' as const, features: [] };

// The map's worker starts as soon as its code is here, while the screen still renders and fetches,
// rather than when the first map is made (bench/console.bench.ts: the map drawn within a second).
maplibregl.prewarm();

/** West, south, east, north. */
export type Box = [number, number, number, number];

/**
 * Creates the MapLibre map in `container` once, framed on `frame` when there is one (with
 * `fitting()`'s padding), with the overlay (holding `overlay` as first given) and drawing sources
 * added as soon as the basemap style has loaded; returns the map only from then on, so callers never
 * touch a source that does not exist yet.
 */
export function useBasemapMap(
  container: RefObject<HTMLDivElement | null>,
  frame: Box | null = null,
  overlay: object = EMPTY,
  fitting: () => FitBoundsOptions = () => ({ padding: 48, maxZoom: 15 }),
): MapLibreMap | null {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const [ready, setReady] = useState<MapLibreMap | null>(null);
  const labels = useRef(t);
  labels.current = t;
  const firstFrame = useRef(frame);
  const firstOverlay = useRef(overlay);
  const firstLanguage = useRef(language);
  const firstFitting = useRef(fitting);

  useEffect(() => {
    if (!container.current) return;
    const tr = labels.current;
    const map = new maplibregl.Map({
      container: container.current,
      style: basemapStyleUrl(firstLanguage.current),
      // Made where it will be looked at: framed later, it would first fetch and draw the whole
      // country's tiles, only to move on (half a second of the first draw, bench/console.bench.ts).
      ...(firstFrame.current
        ? { bounds: firstFrame.current, fitBoundsOptions: firstFitting.current() }
        : START),
      // Relative URLs in the style are fetched from the worker, which has no page to resolve them against.
      transformRequest: (url) => ({ url: new URL(url, window.location.href).href }),
      attributionControl: { compact: true },
      doubleClickZoom: false,
      locale: {
        'Map.Title': tr('map.title'),
        'NavigationControl.ZoomIn': tr('map.zoomIn'),
        'NavigationControl.ZoomOut': tr('map.zoomOut'),
        'NavigationControl.ResetBearing': tr('map.resetBearing'),
        'AttributionControl.ToggleAttribution': tr('map.attribution'),
        // The scale bar's units ("km") would otherwise stay in English on a Kazakh or Russian map.
        'ScaleControl.Meters': tr('map.metres'),
        'ScaleControl.Kilometers': tr('map.kilometres'),
      },
    });
    map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
    map.addControl(new maplibregl.ScaleControl({}), 'bottom-left');
    // On the style, not on 'load' (which waits for the basemap's first full draw), and with the
    // shapes already known rather than after a render of the caller: they load beside the
    // basemap's tiles and are in the first picture, with no frame drawn without them.
    map.once('style.load', () => {
      map.addSource(OVERLAY, { type: 'geojson', data: firstOverlay.current as never });
      map.addSource(DRAFT, { type: 'geojson', data: EMPTY });
      for (const layer of [...OVERLAY_LAYERS, ...DRAFT_LAYERS]) map.addLayer(layer);
      setReady(map);
    });
    return () => {
      setReady(null);
      map.remove();
    };
  }, [container]);

  // Another language: the basemap's place names change in place, the map and its shapes stay.
  const shownLanguage = useRef(language);
  useEffect(() => {
    if (!ready || language === shownLanguage.current) return;
    shownLanguage.current = language;
    for (const layer of ready.getStyle().layers) {
      if (layer.type !== 'symbol' || layer.source === OVERLAY || layer.source === DRAFT) continue;
      if (layer.layout?.['text-field'] === undefined) continue;
      ready.setLayoutProperty(layer.id, 'text-field', labelIn(language));
    }
  }, [ready, language]);

  return ready;
}
