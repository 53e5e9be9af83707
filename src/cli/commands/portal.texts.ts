import type { MessageLang } from '../../core/messages/messages.js';

/** What `dabyl portal export` says to a person, in each language. */
export interface PortalWords {
  portal: string;
  export: string;
  baseUrl: string;
  badBaseUrl: string;
  exporting: string;
  written: (files: number, bytes: number, dir: string) => string;
}

export const PORTAL_WORDS: Readonly<Record<MessageLang, PortalWords>> = {
  en: {
    portal: 'the public site',
    export:
      'write every public page (kk, ru, en), the feeds, CAP messages and assets as static files into DIR (replaced whole)',
    baseUrl: 'the address the copy is served at (default: DABYL_PUBLIC_URL)',
    badBaseUrl: 'base-url: must be an http:// or https:// address',
    exporting: 'exporting',
    written: (files, bytes, dir) => `${files} files, ${bytes} bytes written to ${dir}`,
  },
  kk: {
    portal: 'қоғамдық сайт',
    export:
      'барлық қоғамдық бетті (қазақша, орысша, ағылшынша), арналарды, CAP хабарламаларын және ресурстарды статикалық файлдар ретінде DIR қалтасына жазу (қалта толығымен ауыстырылады)',
    baseUrl: 'көшірме орналасатын мекенжай (әдепкісі: DABYL_PUBLIC_URL)',
    badBaseUrl: '--base-url: http:// немесе https:// мекенжайы болуы керек',
    exporting: 'экспорттау',
    written: (files, bytes, dir) => `${dir} қалтасына ${files} файл, ${bytes} байт жазылды`,
  },
  ru: {
    portal: 'публичный сайт',
    export:
      'записать все публичные страницы (на казахском, русском, английском), ленты, сообщения CAP и ресурсы статическими файлами в папку DIR (заменяется целиком)',
    baseUrl: 'адрес, по которому будет доступна копия (по умолчанию: DABYL_PUBLIC_URL)',
    badBaseUrl: '--base-url: нужен адрес http:// или https://',
    exporting: 'экспорт',
    written: (files, bytes, dir) => `в ${dir} записано файлов: ${files}, байт: ${bytes}`,
  },
};
