import type { GeoJSONSource, Map as MapLibreMap, MapLayerMouseEvent, MapMouseEvent } from 'maplibre-gl';
import { useEffect, useRef, useState } from 'react';
import { DRAFT } from '../layers';
import type { EditableGeometry, MapEdit, Position } from '../types';
import {
  addVertex,
  draftFeatures,
  draftFrom,
  emptyDraft,
  finish,
  moveVertex,
  removeVertex,
  toGeometry,
  type Draft,
} from './draft';

export type DrawingStatus = 'idle' | 'drawing' | 'editing';

const VERTEX_LAYER = 'dabyl-draft-vertex';
/** A click this close to the last vertex is the first half of a double-click, not a new vertex. */
const SAME_PLACE_PX = 6;

const at = (e: MapMouseEvent): Position => [e.lngLat.lng, e.lngLat.lat];

/**
 * Wires the drawing interaction onto the map while `edit` is set: click adds, drag moves,
 * double-click or Enter finishes, Escape cancels, Delete removes. Reports through the callbacks.
 */
export function useDrawing(
  map: MapLibreMap | null,
  edit: MapEdit | null,
  onChange: ((geometry: EditableGeometry | null) => void) | undefined,
  onCancel: (() => void) | undefined,
): { status: DrawingStatus } {
  const [status, setStatus] = useState<DrawingStatus>('idle');
  const callbacks = useRef({ onChange, onCancel });
  callbacks.current = { onChange, onCancel };
  const kind = edit?.kind ?? null;
  const session = edit?.session ?? null;
  const initial = useRef(edit?.initial ?? null);
  initial.current = edit?.initial ?? null;

  useEffect(() => {
    if (!map || !kind) {
      setStatus('idle');
      return;
    }
    let draft: Draft = draftFrom(kind, initial.current);
    let pointer: Position | null = null;
    let dragging: number | null = null;
    /** The click that ends a drag is not a new vertex. */
    let justDragged = false;
    const canvas = map.getCanvas();
    const source = () => map.getSource(DRAFT) as GeoJSONSource | undefined;

    const render = () => {
      source()?.setData(draftFeatures(draft, pointer) as never);
      setStatus(draft.finished ? 'editing' : 'drawing');
    };
    /** Applies a change; a finished shape reports each change, and one that stops being a shape reports null. */
    const update = (next: Draft) => {
      const before = draft;
      draft = next;
      render();
      if (next.vertices === before.vertices && next.finished === before.finished) return;
      if (next.finished) callbacks.current.onChange?.(toGeometry(next));
      else if (before.finished) callbacks.current.onChange?.(null);
    };

    const onClick = (e: MapMouseEvent) => {
      if (justDragged) {
        justDragged = false;
        return;
      }
      const last = draft.vertices[draft.vertices.length - 1];
      if (last && !draft.finished && draft.kind !== 'point') {
        const p = map.project(last);
        if (Math.hypot(p.x - e.point.x, p.y - e.point.y) < SAME_PLACE_PX) return;
      }
      update(addVertex(draft, at(e)));
    };
    const onDblClick = (e: MapMouseEvent) => {
      e.preventDefault();
      update(finish(draft));
    };
    const onMove = (e: MapMouseEvent) => {
      if (dragging !== null) {
        draft = moveVertex(draft, dragging, at(e));
        render();
      } else if (!draft.finished) {
        pointer = at(e);
        render();
      }
    };
    const onVertexDown = (e: MapLayerMouseEvent) => {
      const index = e.features?.[0]?.properties?.index;
      if (typeof index !== 'number') return;
      e.preventDefault(); // keeps the map from panning under the vertex
      dragging = index;
      draft = { ...draft, active: index };
      canvas.style.cursor = 'grabbing';
    };
    const onUp = () => {
      if (dragging === null) return;
      dragging = null;
      justDragged = true;
      setTimeout(() => (justDragged = false), 0);
      canvas.style.cursor = 'crosshair';
      // The drag moved the vertex already; report the result once, at the end.
      if (draft.finished) callbacks.current.onChange?.(toGeometry(draft));
      render();
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Enter') update(finish(draft));
      else if (e.key === 'Delete' || e.key === 'Backspace') update(removeVertex(draft));
      else if (e.key === 'Escape') {
        if (draft.finished) {
          draft = { ...draft, active: null };
          render();
        } else {
          draft = emptyDraft(draft.kind);
          pointer = null;
          render();
          callbacks.current.onCancel?.();
        }
      } else return;
      e.preventDefault();
    };

    canvas.style.cursor = 'crosshair';
    const container = map.getContainer();
    map.on('click', onClick);
    map.on('dblclick', onDblClick);
    map.on('mousemove', onMove);
    map.on('mousedown', VERTEX_LAYER, onVertexDown);
    map.on('mouseup', onUp);
    container.addEventListener('keydown', onKey);
    render();
    return () => {
      map.off('click', onClick);
      map.off('dblclick', onDblClick);
      map.off('mousemove', onMove);
      map.off('mousedown', VERTEX_LAYER, onVertexDown);
      map.off('mouseup', onUp);
      container.removeEventListener('keydown', onKey);
      canvas.style.cursor = '';
      source()?.setData({ type: 'FeatureCollection', features: [] });
    };
  }, [map, kind, session]);

  return { status };
}
