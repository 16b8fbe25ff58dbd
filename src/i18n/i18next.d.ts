import 'i18next';
import type en from './locales/en.json';
import type training from './locales/training/en.json';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    // The training strings are added at run time with the training screens (see training.ts).
    resources: { translation: typeof en & { training: typeof training } };
  }
}
