/** The contract of POST /cap/validate: the same report `dabyl cap validate --json` prints per file. */
import { Type } from '@sinclair/typebox';
import type { Static } from '@sinclair/typebox';

export const CapFindingSchema = Type.Object(
  {
    path: Type.String({
      description: 'Element path, such as /alert/info[0]/area[1]/polygon[0]; "/" for the document',
    }),
    severity: Type.Union([Type.Literal('error'), Type.Literal('warning'), Type.Literal('info')]),
    rule: Type.String({ description: 'Stable rule id, such as cap.polygon.syntax or xml.doctype' }),
    message: Type.String(),
  },
  { $id: 'CapFinding' },
);

const finding = Type.Ref(CapFindingSchema);

export const CapReportSchema = Type.Object(
  {
    valid: Type.Boolean({ description: 'Readable, at least one alert, and no error' }),
    wrapper: Type.Union([
      Type.Literal('none'),
      Type.Literal('atom'),
      Type.Literal('rss'),
      Type.Literal('edxl-de'),
      Type.Null(),
    ]),
    messages: Type.Array(
      Type.Object({
        location: Type.String(),
        version: Type.Union([Type.Literal('1.0'), Type.Literal('1.1'), Type.Literal('1.2')]),
        identifier: Type.String(),
        signed: Type.Boolean(),
        valid: Type.Boolean(),
        findings: Type.Array(finding),
      }),
    ),
    findings: Type.Array(finding, { description: 'Problems of the document as a whole' }),
    errors: Type.Integer(),
    warnings: Type.Integer(),
  },
  { $id: 'CapReport' },
);

export const CapValidateQuery = Type.Object(
  { profile: Type.Optional(Type.String({ description: 'Comma-separated profiles: ipaws, cap-cp, dabyl' })) },
  { additionalProperties: false },
);

export type CapValidateQuery = Static<typeof CapValidateQuery>;
