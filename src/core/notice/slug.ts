/**
 * Readable, stable URLs for notices: `/ru/notices/2026-10-25-karaganda-counter-terrorism-exercise`.
 * Cyrillic (Russian and Kazakh letters) is transliterated so that a link survives being pasted
 * anywhere; the date makes a yearly drill's notices distinct. A slug is chosen while a notice is a
 * draft and frozen at its first publication.
 */

const CYRILLIC: Readonly<Record<string, string>> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ё: 'yo',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'y',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'yu',
  я: 'ya',
  // Kazakh letters beyond the Russian alphabet.
  ә: 'a',
  ғ: 'gh',
  қ: 'q',
  ң: 'ng',
  ө: 'o',
  ұ: 'u',
  ү: 'u',
  һ: 'h',
  і: 'i',
  // Ukrainian and Belarusian letters a pasted name may carry.
  є: 'ye',
  ї: 'yi',
  ў: 'u',
  ґ: 'g',
};

/** The longest slug body, before a uniqueness suffix: long enough to read, short enough to share. */
export const SLUG_MAX = 80;

/** Lower-case ASCII letters and digits joined by single hyphens; Cyrillic transliterated. */
export function slugify(text: string, max = SLUG_MAX): string {
  let out = '';
  for (const ch of text.normalize('NFC').toLowerCase()) {
    const t = CYRILLIC[ch];
    out += t !== undefined ? t : ch;
  }
  const ascii = out
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (ascii.length <= max) return ascii;
  const cut = ascii.slice(0, max + 1);
  const lastBreak = cut.lastIndexOf('-');
  return (lastBreak > max / 2 ? cut.slice(0, lastBreak) : ascii.slice(0, max)).replace(/-+$/, '');
}

/** A slug is what {@link slugify} can produce, possibly with a numeric suffix. */
export const isSlug = (s: string): boolean => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(s) && s.length <= SLUG_MAX + 6;

/**
 * The base of a notice's slug: its local start date and its title (English, else Russian, else
 * Kazakh, else "drill-notice").
 */
export function noticeSlugBase(title: string | null | undefined, localDate: string): string {
  const body = slugify(title ?? '', SLUG_MAX - localDate.length - 1) || 'drill-notice';
  return `${localDate}-${body}`;
}

/** `base`, or `base-2`, `base-3`, … : the first that is not taken. */
export function uniqueSlug(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}
