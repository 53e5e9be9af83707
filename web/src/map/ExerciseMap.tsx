import 'maplibre-gl/dist/maplibre-gl.css';
import type { GeoJSONSource, MapLayerMouseEvent } from 'maplibre-gl';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import classes from './ExerciseMap.module.css';
import { bounds, overlayFeatures } from './features';
import { Legend } from './Legend';
import { OVERLAY } from './layers';
import type { ExerciseMapProps, MapSighting, MapVenue, MapZone } from './types';
import { useBasemapMap, type Box } from './useBasemapMap';
import { useDrawing } from './drawing/useDrawing';
import { fitOptions, useFraming } from './useFraming';

// Defaults made once: a `[]` in the parameter list is a new array on every render, which the
// overlay below took for new places, set again, and so redrew the map without end.
const NO_VENUES: readonly MapVenue[] = [];
const NO_ZONES: readonly MapZone[] = [];
const NO_SIGHTINGS: readonly MapSighting[] = [];

const CLICKABLE = ['dabyl-sighting', 'dabyl-venue', 'dabyl-fill', 'dabyl-closure', 'dabyl-outline'];

/**
 * The exercise's venues, zones and road closures over the basemap, framed to fit them, with an
 * optional edit mode for drawing one point, line or polygon. See {@link ExerciseMapProps}.
 */
export function ExerciseMap({
  venues = NO_VENUES,
  zones = NO_ZONES,
  sightings = NO_SIGHTINGS,
  edit = null,
  onChange,
  onCancel,
  selectedId = null,
  onSelect,
  height = 480,
  label,
  legend = true,
  frame = null,
}: ExerciseMapProps) {
  const { t } = useTranslation();
  const container = useRef<HTMLDivElement>(null);
  const overlay = useMemo(
    () => overlayFeatures(venues, zones, selectedId, sightings),
    [venues, zones, selectedId, sightings],
  );
  // Frame the features when the set of things shown changes, not on every re-render or selection;
  // a report arriving live does not move the map under a controller, unless the plan has no places.
  const frameKey = useMemo(
    () =>
      JSON.stringify(
        bounds(overlayFeatures(venues, zones, null)) ?? bounds(overlayFeatures([], [], null, sightings)),
      ),
    [venues, zones, sightings],
  );
  const box = useMemo(() => JSON.parse(frameKey) as Box | null, [frameKey]);
  // The caller's box, or else the places: framed with room scaled to the map and clear of the legend.
  const target = frame ?? box;
  const legendBox = useRef<HTMLUListElement>(null);
  const fitting = useCallback(() => fitOptions(container.current!, legendBox.current), []);
  const map = useBasemapMap(container, target, overlay, fitting);
  useFraming(map, target, legendBox);
  // The overlay by what it holds: callers that build their shapes anew on every render (the alert
  // dashboard's, on every count that comes in) would otherwise have the map redrawn each time.
  const overlayKey = useMemo(() => JSON.stringify(overlay), [overlay]);
  const latest = useRef(overlay);
  latest.current = overlay;
  // What the map was made with (its overlay already in the source): not set a second time once it
  // is ready, which would cost a frame.
  const madeWith = useRef<string | null>(overlayKey);
  const drawing = useDrawing(map, edit, onChange, onCancel);

  // MapLibre makes its canvas the labelled region (role="region"); the name is ours to give.
  const name = label ?? t('map.title');
  useEffect(() => {
    map?.getCanvas().setAttribute('aria-label', name);
  }, [map, name]);

  // "Drawn" once MapLibre is idle with this overlay: every tile and shape of it on screen, which is
  // what a person calls the map being there (tests and bench/console.bench.ts wait for it).
  const [drawn, setDrawn] = useState(false);
  useEffect(() => {
    const source = map?.getSource(OVERLAY) as GeoJSONSource | undefined;
    if (!map || !source) return;
    setDrawn(false);
    const done = () => setDrawn(true);
    map.once('idle', done);
    if (overlayKey !== madeWith.current) source.setData(latest.current as never);
    // Made with it and already at rest before this ran: one more frame, so that 'idle' comes.
    else if (map.loaded()) map.triggerRepaint();
    madeWith.current = null;
    return () => {
      map.off('idle', done);
    };
  }, [map, overlayKey]);

  useEffect(() => {
    if (!map || !onSelect || edit) return;
    const click = (e: MapLayerMouseEvent) => {
      const id = e.features?.[0]?.properties?.id;
      if (typeof id === 'string') onSelect(id);
    };
    const enter = () => (map.getCanvas().style.cursor = 'pointer');
    const leave = () => (map.getCanvas().style.cursor = '');
    for (const layer of CLICKABLE) {
      map.on('click', layer, click);
      map.on('mouseenter', layer, enter);
      map.on('mouseleave', layer, leave);
    }
    return () => {
      for (const layer of CLICKABLE) {
        map.off('click', layer, click);
        map.off('mouseenter', layer, enter);
        map.off('mouseleave', layer, leave);
      }
    };
  }, [map, onSelect, edit]);

  return (
    <div className={classes.frame} style={{ height }}>
      <div
        ref={container}
        className={classes.map}
        data-ready={map ? 'true' : 'false'}
        data-drawn={drawn ? 'true' : 'false'}
        data-drawing={drawing.status}
      />
      {legend && (
        <Legend
          ref={legendBox}
          sightings={(['report', 'observation'] as const).filter((k) => sightings.some((s) => s.kind === k))}
        />
      )}
      {edit && drawing.status !== 'idle' && (
        <p className={classes.hint}>{t(`map.hint.${drawing.status}.${edit.kind}`)}</p>
      )}
    </div>
  );
}
