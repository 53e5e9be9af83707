/**
 * Column labels compared the way a person reads them: case, "ё", punctuation and spacing do not
 * matter, so "Время (местное)", "время, местное" and "ВРЕМЯ  МЕСТНОЕ" are one label.
 */
export function normaliseLabel(text: string): string {
  return text
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[^\p{L}\p{N}№#+]+/gu, ' ')
    .trim();
}
