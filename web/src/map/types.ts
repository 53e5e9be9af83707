/**
 * The contract of the exercise map. Shapes follow what the planning API returns
 * (`GET /api/v1/exercises/:id/plan`), so a plan's venues and zones can be passed straight in.
 */

/** Longitude then latitude, in degrees (WGS 84), as GeoJSON orders them. */
export type Position = [number, number];

export interface PointGeometry {
  type: 'Point';
  coordinates: Position;
}
export interface LineGeometry {
  type: 'LineString';
  coordinates: Position[];
}
export interface PolygonGeometry {
  type: 'Polygon';
  /** Rings closed as GeoJSON requires: the last position repeats the first. */
  coordinates: Position[][];
}
/** What the map can draw and edit. */
export type EditableGeometry = PointGeometry | LineGeometry | PolygonGeometry;

/** What the map can show: the editable kinds, and multi-part shapes imported from elsewhere. */
export type MapGeometry =
  | EditableGeometry
  | { type: 'MultiLineString'; coordinates: Position[][] }
  | { type: 'MultiPolygon'; coordinates: Position[][][] };

/** A named place: always a point, sometimes a footprint polygon (the building, the grounds). */
export interface MapVenue {
  id: string;
  name: string;
  kind?: string;
  point: { lon: number; lat: number };
  footprint?: MapGeometry | null;
}

/**
 * An area or a line on the map. `kind` picks the styling: `road-closure` is drawn red and dashed,
 * `cordon` orange, anything else (`exercise-zone`, `assembly-point`, …) blue.
 */
export interface MapZone {
  id: string;
  name: string;
  kind: string;
  geometry: MapGeometry;
  /** Written on the map inside the shape (lines may break it); zones without one stay unlabelled. */
  label?: string;
}

/** Where a player's report or an evaluator's observation was made: the control room shows them. */
export interface MapSighting {
  id: string;
  kind: 'report' | 'observation';
  lon: number;
  lat: number;
  name: string;
}

export type DrawKind = 'point' | 'line' | 'polygon';

export interface MapEdit {
  /** What is being drawn. Changing it starts over. */
  kind: DrawKind;
  /**
   * A shape to edit instead of drawing a new one; it must be of `kind`. Read when drawing starts
   * (edit turned on, or `kind` changed), so the map does not fight the parent over the shape.
   */
  initial?: EditableGeometry | null;
  /**
   * Names what is being drawn (say, the venue whose footprint this is). Changing it starts over like
   * a change of `kind`, so moving from one zone's polygon to another's reads the new `initial`.
   */
  session?: string;
}

export interface ExerciseMapProps {
  venues?: readonly MapVenue[];
  /** Zones, cordons and road closures, as the plan lists them. */
  zones?: readonly MapZone[];
  /** Reports and observations with a place; clicking one reports its id like a venue's. */
  sightings?: readonly MapSighting[];
  /**
   * Turns on drawing. Click adds a vertex (or places the point), dragging a vertex moves it,
   * double-click or Enter finishes, Escape cancels, Delete or Backspace removes the last-touched vertex.
   */
  edit?: MapEdit | null;
  /**
   * Called with the finished shape when drawing finishes, and again after every later change to it
   * (a dragged or deleted vertex); `null` when the shape was removed.
   */
  onChange?: (geometry: EditableGeometry | null) => void;
  /** Called when Escape abandons a shape that was still being drawn. */
  onCancel?: () => void;
  /** A venue or zone id to highlight. */
  selectedId?: string | null;
  /** Clicking a venue or zone (outside edit mode) reports its id. */
  onSelect?: (id: string) => void;
  /**
   * A box to show, [west, south, east, north], instead of framing the venues and zones: the alert
   * composer moves the map to a boundary or a typed polygon being edited. Read when it changes.
   */
  frame?: [number, number, number, number] | null;
  /** CSS height of the map; 480px unless given. */
  height?: number | string;
  /** Accessible name of the map region; "Exercise map" unless given. */
  label?: string;
  /** Whether to show the legend of the exercise's kinds of place; maps of other things turn it off. */
  legend?: boolean;
}
