import 'i18next';
import type en from './locales/en.json';
import type training from './locales/training/en.json';
import type handover from './locales/handover/en.json';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    // The training and hand-over strings are added at run time with their screens (see training.ts, handover.ts).
    resources: { translation: typeof en & { training: typeof training; handover: typeof handover } };
  }
}
