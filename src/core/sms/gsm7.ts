/**
 * The GSM 03.38 (3GPP TS 23.038) default alphabet and its extension table. A character of the
 * basic table is one septet; a character of the extension table is two, the escape 0x1B and its
 * code, and the two must travel in the same segment. Septets are kept unpacked (one per octet),
 * as SMPP carries them with data_coding 0; the SMSC packs them for the air.
 */

/** The basic table, indexed by septet. 0x1B is the escape to the extension table, not a character. */
const BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\x1bÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';

/** The extension table: character → the septet that follows the escape. */
const EXTENSION: ReadonlyArray<readonly [string, number]> = [
  ['\f', 0x0a],
  ['^', 0x14],
  ['{', 0x28],
  ['}', 0x29],
  ['\\', 0x2f],
  ['[', 0x3c],
  ['~', 0x3d],
  [']', 0x3e],
  ['|', 0x40],
  ['€', 0x65],
];

export const GSM_ESCAPE = 0x1b;

const basicCode = new Map<string, number>();
for (let i = 0; i < BASIC.length; i++) if (i !== GSM_ESCAPE) basicCode.set(BASIC[i]!, i);
const extensionCode = new Map<string, number>(EXTENSION);
const extensionChar = new Map<number, string>(EXTENSION.map(([c, s]) => [s, c]));

/** Septets a character takes in GSM-7: 1 (basic table), 2 (extension table) or 0 (not in GSM-7). */
export function gsmSeptets(char: string): 0 | 1 | 2 {
  if (basicCode.has(char)) return 1;
  if (extensionCode.has(char)) return 2;
  return 0;
}

/** The septets of one character (one or two), or undefined when GSM-7 cannot carry it. */
export function gsmEncodeChar(char: string): number[] | undefined {
  const basic = basicCode.get(char);
  if (basic !== undefined) return [basic];
  const ext = extensionCode.get(char);
  return ext === undefined ? undefined : [GSM_ESCAPE, ext];
}

/** The characters of a text that GSM-7 cannot carry (each once, in order of appearance). */
export function nonGsmCharacters(text: string): string[] {
  const found = new Set<string>();
  for (const char of text) if (gsmSeptets(char) === 0) found.add(char);
  return [...found];
}

/**
 * Unpacked septets back to text. An escape followed by a code the extension table lacks reads as
 * the basic character (what 23.038 asks of a receiver); a trailing lone escape reads as nothing.
 */
export function gsmDecode(septets: ArrayLike<number>): string {
  let out = '';
  for (let i = 0; i < septets.length; i++) {
    const s = septets[i]! & 0x7f;
    if (s === GSM_ESCAPE) {
      if (i + 1 >= septets.length) break;
      const next = septets[++i]! & 0x7f;
      out += extensionChar.get(next) ?? BASIC[next]!;
      continue;
    }
    out += BASIC[s]!;
  }
  return out;
}
