import { Type } from '@sinclair/typebox';
import { FINDING_KINDS } from '../../../contract/enums.js';
import {
  FINDING_ANALYSIS_MAX,
  FINDING_OBSERVATIONS_MAX,
  FINDING_TEXT_MAX,
} from '../../../core/evaluation/finding.js';
import { CapabilityId, Id, literals } from '../common.schema.js';

const Text = Type.String({
  minLength: 1,
  maxLength: FINDING_TEXT_MAX,
  description: 'the finding, as written',
});
const Analysis = Type.String({
  maxLength: FINDING_ANALYSIS_MAX,
  description: 'root cause and consequence; line breaks kept',
});
const ObservationIds = Type.Array(Id, {
  maxItems: FINDING_OBSERVATIONS_MAX,
  description: 'the observations of this exercise the finding rests on',
});

export const FindingBody = Type.Object(
  {
    capabilityId: CapabilityId,
    kind: literals(FINDING_KINDS),
    text: Text,
    analysis: Type.Optional(Analysis),
    observationIds: Type.Optional(ObservationIds),
  },
  {
    additionalProperties: false,
    description:
      'A strength or area for improvement under one of the core capabilities the exercise evaluates',
  },
);

export const FindingChangeBody = Type.Object(
  {
    version: Type.Integer({
      minimum: 1,
      description: 'the version read; a later change by someone else is 409',
    }),
    text: Type.Optional(Text),
    analysis: Type.Optional(Analysis),
    observationIds: Type.Optional(ObservationIds),
  },
  { additionalProperties: false },
);

const Entry = Type.Object({
  id: Id,
  reference: Type.String({ description: '"1.2": Strength 1.2 or Area for Improvement 1.2' }),
  text: Type.String(),
  analysis: Type.String(),
  observationIds: Type.Array(Id),
  version: Type.Integer(),
});

export const CapabilityFindingsSchema = Type.Object(
  {
    capabilityId: CapabilityId,
    capabilityName: Type.String(),
    number: Type.Integer({ minimum: 1, description: 'the capability’s number in the exercise' }),
    strengths: Type.Array(Entry),
    improvements: Type.Array(Entry),
  },
  { $id: 'CapabilityFindings' },
);

export const FindingParams = Type.Object({ id: Id, findingId: Id });
