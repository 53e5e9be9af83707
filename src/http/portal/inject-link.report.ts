import type { FastifyError } from 'fastify';
import { parseLocation, type LocationFault } from '../../core/play/location.js';
import { sniffPhoto } from '../../core/play/photo.js';
import { errorText } from '../../core/messages/messages.js';
import { AppError } from '../../errors.js';
import type { NewReport } from '../../services/play/play.service.js';
import { MAX_REPORT_CHARS } from '../../services/play/play.service.js';
import { formField, type FormBody } from './form-body.js';
import type { PortalLang } from './i18n.js';
import { injectLinkTexts } from './inject-link.texts.js';
import { MultipartError, type MultipartForm, type MultipartLimits } from './multipart.js';

/*
 * The report form of an inject's link page: its text, a photo when the player attached one, and a
 * place when they gave one (typed, or filled in from the phone's position by the page's script).
 * Sent as multipart/form-data by the page; urlencoded (no photo) still read, for clients that
 * posted the page's older form.
 */

/** A 5 MiB photo, the text and the part headers: as the JSON route's limit, with room to spare. */
export const REPORT_FORM_LIMIT_BYTES = 7 * 1024 * 1024;

/**
 * The form has a text, a latitude, a longitude and a photo; a browser sends every part, the photo
 * empty when none is chosen (some clients send that empty part with no filename: then a field).
 */
export const REPORT_FORM_PARTS: MultipartLimits = { parts: 4, fields: 4, files: 1, fieldBytes: 64 * 1024 };

const isMultipart = (body: unknown): body is MultipartForm =>
  typeof body === 'object' && body !== null && 'files' in body && Array.isArray(body.files);

/** The form's fields, whichever way it was sent. */
export const reportFields = (body: unknown): FormBody =>
  isMultipart(body) ? body.fields : ((body ?? {}) as FormBody);

/**
 * What the form asks to report. The photo's type is the one the browser declared, checked against
 * the bytes by the service; a browser that could not tell (application/octet-stream, none) leaves it
 * to the bytes alone.
 */
export function reportOf(body: unknown): NewReport {
  const fields = reportFields(body);
  const text = formField(fields, 'text');
  const location = placeOf(fields);
  if (!isMultipart(body)) return { text, location };
  // An empty file input still sends a part with no name and no bytes: that is "no photo".
  const file = body.files.find((f) => f.field === 'photo' && (f.filename !== '' || f.bytes.length > 0));
  if (!file) return { text, location };
  const said = file.type && file.type !== 'application/octet-stream' ? file.type : sniffPhoto(file.bytes);
  return { text, location, photo: { type: said ?? file.type, data: file.bytes.toString('base64') } };
}

const DETAIL: Record<LocationFault, string> = {
  not_a_number: 'is not a number of degrees',
  out_of_range: 'is out of range',
  missing: 'is missing while the other coordinate is given',
};

/** The place the form's two boxes give, or null; refused by the box at fault, as the service would. */
function placeOf(fields: FormBody): NewReport['location'] {
  const parsed = parseLocation(formField(fields, 'latitude'), formField(fields, 'longitude'));
  if (parsed.ok) return parsed.location;
  const field = `location.${parsed.problem.field}`;
  throw new AppError('invalid_input', 422, `${field}: ${DETAIL[parsed.problem.fault]}`, field);
}

/** The box of the form a refusal names, for the page to mark; undefined when it names none of them. */
export function problemField(err: AppError): 'latitude' | 'longitude' | undefined {
  if (err.field === 'location.latitude') return 'latitude';
  if (err.field === 'location.longitude') return 'longitude';
  return undefined;
}

/** The sentence a refused report is shown again with, in the page's language. */
export function reportProblem(lang: PortalLang, err: AppError, form: FormBody): string {
  const t = injectLinkTexts(lang);
  if (err.field === 'text')
    return formField(form, 'text').length > MAX_REPORT_CHARS ? t.textTooLong : t.textMissing;
  if (err.code === 'photo_too_large') return t.photoTooLarge;
  if (err.field === 'photo.type') return t.photoMismatch;
  if (err.field?.startsWith('photo')) return t.photoNotPicture;
  const box = problemField(err);
  if (box) {
    // The form as typed says what was wrong; the service's own range check words the same way.
    const parsed = parseLocation(formField(form, 'latitude'), formField(form, 'longitude'));
    const fault = parsed.ok ? 'out_of_range' : parsed.problem.fault;
    return t.placeProblem[parsed.ok ? box : parsed.problem.field][fault];
  }
  return errorText(lang, err.code, err.params);
}

/**
 * A body the report form cannot have sent, as the page words it: its status and sentence; null for
 * any other error, which goes on to the app's handler.
 */
export function unreadableReport(
  lang: PortalLang,
  error: FastifyError,
): { status: number; sentence: string } | null {
  const t = injectLinkTexts(lang);
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return { status: 413, sentence: t.photoTooLarge };
  if (error.code === 'FST_ERR_CTP_INVALID_CONTENT_LENGTH') return { status: 400, sentence: t.formBroken };
  if (!(error instanceof MultipartError)) return null;
  return { status: 400, sentence: error.fault === 'too_many_files' ? t.oneFile : t.formBroken };
}
