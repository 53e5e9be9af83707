import type { FastifyError } from 'fastify';
import { sniffPhoto } from '../../core/play/photo.js';
import { errorText } from '../../core/messages/messages.js';
import type { AppError } from '../../errors.js';
import type { NewReport } from '../../services/play/play.service.js';
import { MAX_REPORT_CHARS } from '../../services/play/play.service.js';
import { formField, type FormBody } from './form-body.js';
import type { PortalLang } from './i18n.js';
import { injectLinkTexts } from './inject-link.texts.js';
import { MultipartError, type MultipartForm, type MultipartLimits } from './multipart.js';

/*
 * The report form of an inject's link page: its text, and a photo when the player attached one.
 * Sent as multipart/form-data by the page; urlencoded (text only) still read, for clients that
 * posted the page's older form.
 */

/** A 5 MiB photo, the text and the part headers: as the JSON route's limit, with room to spare. */
export const REPORT_FORM_LIMIT_BYTES = 7 * 1024 * 1024;

/** The form has a text and a photo; a browser sends both parts, the photo empty when none is chosen. */
export const REPORT_FORM_PARTS: MultipartLimits = { parts: 4, fields: 3, files: 1, fieldBytes: 64 * 1024 };

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
  const text = formField(reportFields(body), 'text');
  if (!isMultipart(body)) return { text };
  // An empty file input still sends a part with no name and no bytes: that is "no photo".
  const file = body.files.find((f) => f.field === 'photo' && (f.filename !== '' || f.bytes.length > 0));
  if (!file) return { text };
  const said = file.type && file.type !== 'application/octet-stream' ? file.type : sniffPhoto(file.bytes);
  return { text, photo: { type: said ?? file.type, data: file.bytes.toString('base64') } };
}

/** The sentence a refused report is shown again with, in the page's language. */
export function reportProblem(lang: PortalLang, err: AppError, form: FormBody): string {
  const t = injectLinkTexts(lang);
  if (err.field === 'text')
    return formField(form, 'text').length > MAX_REPORT_CHARS ? t.textTooLong : t.textMissing;
  if (err.code === 'photo_too_large') return t.photoTooLarge;
  if (err.field === 'photo.type') return t.photoMismatch;
  if (err.field?.startsWith('photo')) return t.photoNotPicture;
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
