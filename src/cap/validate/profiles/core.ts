/** The CAP 1.2 core: what the schema checks plus what the specification's text requires. */
import type { CapProfile } from '../rule.js';
import * as identity from '../rules/identity.js';
import * as resources from '../rules/resources.js';
import * as schema from '../rules/schema.js';
import * as shapes from '../rules/shapes.js';
import * as timing from '../rules/timing.js';

/** Always applied; other profiles add to it. */
export const coreProfile: CapProfile = {
  id: 'cap',
  name: 'CAP 1.2',
  description: 'OASIS CAP 1.2: the schema, plus the rules its element tables state in prose.',
  rules: [
    schema.required,
    schema.enumerations,
    schema.dateTimes,
    schema.language,
    schema.ceilingNeedsAltitude,
    identity.identifierCharacters,
    identity.referencesRequired,
    identity.referencesFormat,
    identity.scopeRecipients,
    shapes.polygonSyntax,
    shapes.circleSyntax,
    shapes.coordinateRange,
    shapes.radiusZero,
    shapes.coordinateWhitespace,
    shapes.coordinatePrecision,
    shapes.swappedCoordinates,
    resources.absoluteUris,
    resources.derefBase64,
    resources.embeddedIntegrity,
    resources.digestForm,
    timing.startsAfterExpiry,
    timing.sentInFuture,
    timing.noteOnExerciseOrError,
  ],
};
