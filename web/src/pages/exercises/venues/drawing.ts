import type { DrawKind, EditableGeometry } from '../../../map';

/**
 * What a form asks the map to draw: the kind, the shape to start from, a name for this drawing
 * session, and where each finished or changed shape goes.
 */
export interface DrawRequest {
  kind: DrawKind;
  initial: EditableGeometry | null;
  session: string;
  onChange: (geometry: EditableGeometry | null) => void;
}

/** The map's shapes come back as plain GeoJSON; only these kinds can be edited vertex by vertex. */
export const editable = (
  g: { type: string; coordinates: unknown } | null | undefined,
): EditableGeometry | null =>
  g && (g.type === 'Point' || g.type === 'LineString' || g.type === 'Polygon')
    ? (g as EditableGeometry)
    : null;
