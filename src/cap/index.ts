/**
 * Dabyl's CAP library: the OASIS Common Alerting Protocol 1.2 model, builder, parser (CAP 1.0–1.2,
 * bare or in Atom, RSS and EDXL-DE), validator with profiles, and a lossless JSON form. It imports
 * nothing from the rest of Dabyl and does no I/O.
 */
export * from './model.js';
export { capFinding } from './finding.js';
export type { CapFinding, CapSeverity } from './finding.js';
export { formatCapDateTime, parseCapDateTime, isCapDateTime } from './datetime.js';
export { buildCap, CapBuildError } from './build.js';
export type { BuildCapOptions } from './build.js';
export { parseCap, parseCapDocument } from './parse.js';
export type { CapDocument, CapWrapper, ParseCapOptions, ParsedCap } from './parse.js';
export { CapParseError } from './xml/errors.js';
export type { XmlErrorCode } from './xml/errors.js';
export { DEFAULT_XML_LIMITS } from './xml/limits.js';
export type { XmlLimits } from './xml/limits.js';
export {
  validateCap,
  validateCapWithStore,
  resolveProfiles,
  UnknownProfileError,
} from './validate/validate.js';
export type { ValidateCapOptions } from './validate/validate.js';
export type { CapProfile, CapRule, GeoBox, Report, RuleContext } from './validate/rule.js';
export type { CapMessageStore } from './validate/store.js';
export { readReferences } from './validate/rules/identity.js';
export type { CapReference } from './validate/rules/identity.js';
export {
  CAP_PROFILES,
  capCpProfile,
  coreProfile,
  dabylProfile,
  ipawsProfile,
} from './validate/profiles/index.js';
export { KZ_REGIONS, KZ_LEGACY_CODES, kzRegion } from './validate/profiles/kz-regions.js';
export type { KzRegion } from './validate/profiles/kz-regions.js';
export { DABYL_REGION_GEOCODE } from './validate/profiles/dabyl.js';
export { checkCap } from './check.js';
export type { CapMessageReport, CapReport, CheckCapOptions, SignatureCheck } from './check.js';
export { capFromJson, capToJson, capToJsonText, CapJsonError } from './json.js';
export type { CapJson } from './json.js';
