import type { AlertArea, AlertTexts } from './alert.js';
import { textsFromTemplate } from './templates.js';

/** A polygon over central Almaty (Medeu and Almaly districts), for tests and the demo. */
export const ALMATY_POLYGON: AlertArea = {
  kind: 'polygon',
  ring: [
    [76.88, 43.22],
    [76.98, 43.22],
    [76.98, 43.28],
    [76.88, 43.28],
    [76.88, 43.22],
  ],
  region: 'KZ-75',
};

export const ALMATY_AREA_NAMES = {
  kk: 'Алматы, Медеу ауданы',
  ru: 'Алматы, Медеуский район',
  en: 'Almaty, Medeu district',
};

export const almatyTexts = (): AlertTexts => textsFromTemplate('earthquake', ALMATY_AREA_NAMES);
