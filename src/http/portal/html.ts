/**
 * HTML for the public site. Everything that reaches a page goes through `html`, which escapes every
 * interpolated value unless it is already {@link Html}: text a person wrote (a notice, a comment,
 * a name) can only ever appear as text.
 */

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text as HTML text content: `<`, `>`, `&` and both quotes escaped. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/**
 * Text inside a quoted attribute value. Also escapes backticks and line breaks so the value stays
 * on one line and cannot close an unquoted attribute either.
 */
export function escapeAttr(text: string): string {
  return escapeHtml(text).replace(/`/g, '&#96;').replace(/\r/g, '&#13;').replace(/\n/g, '&#10;');
}

/** Markup that is safe as it is: built by `html` or by this site's own code. */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/** Marks site-made markup as safe. Never call it on text that came from a person or a request. */
export const raw = (markup: string): Html => new Html(markup);

export type Interpolation = Html | string | number | boolean | null | undefined | readonly Interpolation[];

function part(value: Interpolation): string {
  if (value === null || value === undefined || value === false || value === true) return '';
  if (value instanceof Html) return value.value;
  if (Array.isArray(value)) return value.map(part).join('');
  return escapeHtml(String(value));
}

/**
 * Tagged template: `html`<p>${text}</p>`` escapes `text`; nested `html` results, arrays of them
 * and `raw(…)` pass through. `null`, `undefined` and booleans render nothing, so
 * `${cond && html`…`}` works.
 */
export function html(strings: TemplateStringsArray, ...values: Interpolation[]): Html {
  let out = strings[0] ?? '';
  for (let i = 0; i < values.length; i++) out += part(values[i]!) + (strings[i + 1] ?? '');
  return new Html(out);
}

/** Joins fragments with a separator that is itself markup. */
export function join(items: readonly Html[], separator = ''): Html {
  return new Html(items.map((i) => i.value).join(separator));
}
