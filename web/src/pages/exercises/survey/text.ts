/** A question's wording in the reader's language, else English, else whichever was given. */
export const wordingIn = (text: { kk?: string; ru?: string; en?: string }, language: string): string =>
  text[language as 'kk' | 'ru' | 'en'] ?? text.en ?? text.ru ?? text.kk ?? '';
