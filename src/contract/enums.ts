/**
 * The enumerations of the API, in one place: the server validates and documents with them (TypeBox
 * schemas, the core rules), and the console imports the same lists for its menus, badges and
 * translation keys. Plain data, no imports, so the console bundle takes only what it uses.
 */

export const LOCALES = ['kk', 'ru', 'en'] as const;

/** The ways an exercise's phone book reaches a person; the Dabyl inbox comes from their account. */
export const PHONE_BOOK_CHANNELS = ['email', 'sms', 'webhook', 'manual'] as const;

export const NOTICE_LANGUAGES = ['kk', 'ru', 'en'] as const;

export const ROLES = [
  'admin',
  'director',
  'planner',
  'controller',
  'evaluator',
  'player',
  'observer',
  'pio',
  'authoriser',
] as const;

export const ORGANISATION_KINDS = [
  'national-security',
  'police',
  'emergency-situations',
  'health',
  'armed-forces',
  'local-government',
  'other',
] as const;

export const EXERCISE_TYPES = [
  'seminar',
  'workshop',
  'tabletop',
  'game',
  'drill',
  'functional',
  'full-scale',
] as const;

export const EXERCISE_STATUSES = [
  'draft',
  'planned',
  'ready',
  'running',
  'paused',
  'ended',
  'evaluated',
  'archived',
] as const;

export const VENUE_KINDS = [
  'school',
  'prison',
  'airport',
  'power-plant',
  'exhibition-centre',
  'palace-of-culture',
  'railway-station',
  'hospital',
  'stadium',
  'government-building',
  'other',
] as const;

export const ZONE_KINDS = [
  'exercise-zone',
  'cordon',
  'road-closure',
  'assembly-point',
  'staging-area',
  'evacuation-route',
] as const;

export const EXERCISE_ROLES = [
  'director',
  'controller',
  'senior-controller',
  'safety-controller',
  'simulator',
  'evaluator',
  'lead-evaluator',
  'player',
  'actor',
  'observer',
  'trusted-agent',
] as const;

export const EXTENTS_OF_PLAY = ['full', 'limited', 'simulated', 'observing'] as const;

export const EVENT_KINDS = ['inject', 'controller-info', 'facilitation-note'] as const;

export const DELIVERY_METHODS = [
  'in-app',
  'email',
  'sms',
  'phone',
  'radio',
  'in-person',
  'siren',
  'public-alert',
] as const;

export const APPROVAL_STATES = ['draft', 'submitted', 'approved'] as const;

/** The working copy's life: draft → review → published → (corrected: draft → review → published) → cancelled | expired. */
export const NOTICE_STATUSES = ['draft', 'review', 'published', 'cancelled', 'expired'] as const;

export const COMMENT_STATUSES = ['pending', 'approved', 'rejected'] as const;

export const TRAFFIC_MODES = ['actual', 'exercise', 'test', 'rehearsal'] as const;

/** Whose contact a delivery goes to: a resident's real contact, or an exercise's phone book. */
export const RECIPIENT_KINDS = ['subscriber', 'participant'] as const;

/** public: residents hear it; exercise: a drill ground's own siren, which only drills sound. */
export const SIREN_PURPOSES = ['public', 'exercise'] as const;

export const CHANNEL_KINDS = [
  'email',
  'sms',
  'webpush',
  'webhook',
  'siren',
  'cellbroadcast',
  'inapp',
  'manual',
  'sink',
] as const;

export const DELIVERY_STATUSES = ['pending', 'sending', 'sent', 'dead'] as const;

/** A fan-out record: waiting (or waiting out a back-off), being written, written, or given up after the horizon. */
export const FANOUT_STATUSES = ['pending', 'expanding', 'done', 'failed'] as const;

/** The lists a spreadsheet imports and exports. */
export const SHEET_KINDS = ['msel', 'participants', 'venues'] as const;

/** Where an imported column's meaning came from: the caller's mapping, the last import, the header, or nowhere. */
export const COLUMN_SOURCES = ['mapping', 'remembered', 'detected', 'none'] as const;

/** Public alerts: the hazards the templates cover, CAP's status values, and an alert's states. */
export const HAZARDS = [
  'earthquake',
  'flood',
  'fire',
  'air-raid',
  'chemical',
  'terrorist-attack',
  'all-clear',
] as const;
export const ALERT_STATUSES = ['Actual', 'Exercise', 'Test', 'System', 'Draft'] as const;
export const ALERT_STATES = ['draft', 'awaiting_approval', 'approved', 'sent'] as const;

/** What an exercise rehearses, for the lessons-learned filter (migration 0031). */
export const EXERCISE_HAZARDS = [
  'earthquake',
  'flood',
  'fire',
  'air_raid',
  'chemical',
  'terrorist_attack',
  'other',
] as const;
/** HSEEP findings: a strength or an area for improvement; lessons add the observations they rest on. */
export const FINDING_KINDS = ['strength', 'improvement'] as const;
export const LESSON_KINDS = ['observation', 'strength', 'improvement'] as const;

/** The HSEEP capability elements a corrective action of the improvement plan addresses. */
export const CAPABILITY_ELEMENTS = ['planning', 'organisation', 'equipment', 'training', 'exercise'] as const;
