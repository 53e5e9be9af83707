/**
 * The exercise map: venues, zones and road closures over Dabyl's basemap, with drawing and editing.
 *
 *     <ExerciseMap venues={plan.venues} zones={plan.zones} />
 *     <ExerciseMap venues={plan.venues} edit={{ kind: 'polygon' }} onChange={setGeometry} />
 */
export { ExerciseMap } from './ExerciseMap';
export type {
  DrawKind,
  EditableGeometry,
  ExerciseMapProps,
  LineGeometry,
  MapEdit,
  MapGeometry,
  MapSighting,
  MapVenue,
  MapZone,
  PointGeometry,
  PolygonGeometry,
  Position,
} from './types';
