/**
 * The shape being drawn, as plain data with pure operations on it, so the drawing rules are tested
 * without a map. The MapLibre wiring lives in useDrawing.
 */
import type { FeatureCollection } from '../features';
import type { DrawKind, EditableGeometry, Position } from '../types';

export interface Draft {
  kind: DrawKind;
  vertices: Position[];
  /** Finished shapes are reported and can still be edited; unfinished ones are being drawn. */
  finished: boolean;
  /** The vertex last added or touched: what Delete removes. */
  active: number | null;
}

const MIN_VERTICES: Record<DrawKind, number> = { point: 1, line: 2, polygon: 3 };

export const emptyDraft = (kind: DrawKind): Draft => ({ kind, vertices: [], finished: false, active: null });

/** Starts from an existing shape (its ring's closing position dropped), or empty when it does not fit `kind`. */
export function draftFrom(kind: DrawKind, geometry: EditableGeometry | null | undefined): Draft {
  if (!geometry) return emptyDraft(kind);
  if (kind === 'point' && geometry.type === 'Point') {
    return { kind, vertices: [geometry.coordinates], finished: true, active: null };
  }
  if (kind === 'line' && geometry.type === 'LineString' && geometry.coordinates.length >= 2) {
    return { kind, vertices: [...geometry.coordinates], finished: true, active: null };
  }
  if (kind === 'polygon' && geometry.type === 'Polygon') {
    const ring = geometry.coordinates[0] ?? [];
    const open = ring.length > 1 && samePosition(ring[0]!, ring[ring.length - 1]!) ? ring.slice(0, -1) : ring;
    if (open.length >= 3) return { kind, vertices: [...open], finished: true, active: null };
  }
  return emptyDraft(kind);
}

const samePosition = (a: Position, b: Position) => a[0] === b[0] && a[1] === b[1];

export const canFinish = (draft: Draft): boolean => draft.vertices.length >= MIN_VERTICES[draft.kind];

/** A click on the map: places the point (which is then finished), or adds a vertex to the end. */
export function addVertex(draft: Draft, at: Position): Draft {
  if (draft.kind === 'point') return { ...draft, vertices: [at], finished: true, active: 0 };
  if (draft.finished) return draft;
  const vertices = [...draft.vertices, at];
  return { ...draft, vertices, active: vertices.length - 1 };
}

export function moveVertex(draft: Draft, index: number, to: Position): Draft {
  if (index < 0 || index >= draft.vertices.length) return draft;
  const vertices = draft.vertices.map((v, i) => (i === index ? to : v));
  return { ...draft, vertices, active: index };
}

/** Removes the active vertex (else the last); a finished shape left too small goes back to drawing. */
export function removeVertex(draft: Draft): Draft {
  if (draft.vertices.length === 0) return draft;
  const index = draft.active ?? draft.vertices.length - 1;
  const vertices = draft.vertices.filter((_, i) => i !== index);
  const finished = draft.finished && vertices.length >= MIN_VERTICES[draft.kind];
  return {
    ...draft,
    vertices,
    finished,
    active: vertices.length ? Math.min(index, vertices.length - 1) : null,
  };
}

export const finish = (draft: Draft): Draft => (canFinish(draft) ? { ...draft, finished: true } : draft);

/** Twice the signed area: positive when the ring runs counter-clockwise. */
function signedArea(ring: Position[]): number {
  let sum = 0;
  for (let i = 0; i < ring.length; i++) {
    const [x1, y1] = ring[i]!;
    const [x2, y2] = ring[(i + 1) % ring.length]!;
    sum += x1 * y2 - x2 * y1;
  }
  return sum;
}

/**
 * The draft as GeoJSON, or `null` while it is too small to be one. Polygon rings are closed and run
 * counter-clockwise, as RFC 7946 asks of exterior rings.
 */
export function toGeometry(draft: Draft): EditableGeometry | null {
  if (!canFinish(draft)) return null;
  const [first] = draft.vertices;
  if (draft.kind === 'point') return { type: 'Point', coordinates: first! };
  if (draft.kind === 'line') return { type: 'LineString', coordinates: [...draft.vertices] };
  const open = signedArea(draft.vertices) < 0 ? [...draft.vertices].reverse() : [...draft.vertices];
  return { type: 'Polygon', coordinates: [[...open, open[0]!]] };
}

/** What the draft layers draw: the shape so far (stretched to the pointer while drawing) and its vertices. */
export function draftFeatures(draft: Draft, pointer: Position | null): FeatureCollection {
  const features: FeatureCollection['features'] = [];
  const outline =
    !draft.finished && pointer && draft.kind !== 'point' ? [...draft.vertices, pointer] : draft.vertices;
  if (draft.kind === 'polygon' && outline.length >= 3) {
    features.push({
      type: 'Feature',
      properties: {},
      geometry: { type: 'Polygon', coordinates: [[...outline, outline[0]!]] },
    });
  } else if (draft.kind !== 'point' && outline.length >= 2) {
    features.push({
      type: 'Feature',
      properties: {},
      geometry: { type: 'LineString', coordinates: outline },
    });
  }
  draft.vertices.forEach((coordinates, index) => {
    features.push({
      type: 'Feature',
      properties: { index, active: index === draft.active },
      geometry: { type: 'Point', coordinates },
    });
  });
  return { type: 'FeatureCollection', features };
}
