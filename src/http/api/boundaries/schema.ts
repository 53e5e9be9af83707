import { Type } from '@sinclair/typebox';
import { BOUNDARY_LEVELS, MAX_BOUNDARY_FEATURES } from '../../../core/boundary/boundary.check.js';
import { CAP_POLYGON_MAX_POINTS } from '../../../core/area/cover.simplify.js';
import { Id, Instant, literals, Nullable } from '../common.schema.js';

/* Boundary sets imported from GeoJSON and their boundaries: the API shapes; the console derives its types. */

/** What a whole set's import may weigh: ten thousand detailed outlines. */
export const BOUNDARY_BODY_LIMIT = 50 * 1024 * 1024;

export const Level = literals(BOUNDARY_LEVELS);
const SetName = Type.String({
  pattern: '^[a-z0-9-]{1,60}$',
  description: 'Lowercase letters, digits and dashes, 1–60',
});
const Names = Type.Object({ kk: Type.String(), ru: Type.String(), en: Type.String() });
const Position = Type.Tuple([Type.Number(), Type.Number()]);
const Ring = Type.Array(Position);

const summaryFields = {
  id: Id,
  set: Type.String(),
  code: Type.String(),
  level: Level,
  region: Type.String({ description: 'ISO 3166-2:KZ code of the region or city it lies in' }),
  names: Names,
  approximate: Type.Boolean({ description: 'Its set’s outlines are rough (the demo’s)' }),
  parts: Type.Integer({ description: 'Polygons in the outline' }),
  points: Type.Integer({ description: 'Positions over all rings' }),
  bbox: Type.Tuple([Type.Number(), Type.Number(), Type.Number(), Type.Number()], {
    description: '[west, south, east, north]',
  }),
};

export const BoundarySummarySchema = Type.Object(summaryFields, { $id: 'BoundarySummary' });

export const BoundarySchema = Type.Object(
  {
    ...summaryFields,
    geometry: Type.Union([
      Type.Object({ type: Type.Literal('Polygon'), coordinates: Type.Array(Ring) }),
      Type.Object({ type: Type.Literal('MultiPolygon'), coordinates: Type.Array(Type.Array(Ring)) }),
    ]),
    alertRing: Nullable(
      Type.Object(
        {
          ring: Type.Array(Position, {
            description: 'Closed, [lon, lat]; 5 decimals when simplified',
          }),
          points: Type.Integer({ description: 'Positions in ring, the closing repeat included' }),
          from: Type.Integer({ description: 'Distinct positions of the outline’s outer ring' }),
          simplified: Type.Boolean({ description: 'False when the outer ring is served as it is' }),
        },
        {
          description:
            `The outline as a CAP polygon can carry it: at most ${CAP_POLYGON_MAX_POINTS} positions that ` +
            'contain the whole outer ring (everyone inside the boundary is inside it; some land outside ' +
            'is too). Null for a boundary of several parts.',
        },
      ),
    ),
  },
  { $id: 'Boundary' },
);

export const BoundarySetSchema = Type.Object(
  {
    name: Type.String(),
    approximate: Type.Boolean(),
    features: Type.Integer(),
    importedAt: Instant,
    importedBy: Nullable(Type.String({ description: 'The importing administrator’s display name' })),
  },
  { $id: 'BoundarySet' },
);

export const BoundaryQuery = Type.Object({
  level: Type.Optional(Level),
  q: Type.Optional(
    Type.String({ maxLength: 200, description: 'Part of a name in any language, or the code' }),
  ),
});

export const SetParams = Type.Object({ name: SetName });

export const ImportSetBody = Type.Object(
  {
    approximate: Type.Boolean(),
    geojson: Type.Unknown({
      description:
        `A GeoJSON FeatureCollection of at most ${MAX_BOUNDARY_FEATURES} Polygon or MultiPolygon features, ` +
        '[lon, lat], each with properties code (unique), level (region, district or city), region ' +
        '(ISO 3166-2:KZ), name:kk, name:ru and name:en (plain text, 1–200 characters)',
    }),
  },
  { additionalProperties: false },
);

export const ImportedSetSchema = Type.Object({
  name: Type.String(),
  approximate: Type.Boolean(),
  features: Type.Integer(),
  replaced: Type.Integer({ description: 'How many boundaries the set held before' }),
});
