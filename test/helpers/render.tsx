import { render, type RenderResult } from '@testing-library/react';
import type { ReactElement } from 'react';
import { I18nextProvider } from 'react-i18next';
import { createI18n, type UiLanguage } from '../../src/i18n';
import '../../src/i18n/all';

/** Renders a screen inside the app's real i18n set-up, in the language given. */
export function renderIn(ui: ReactElement, language: UiLanguage = 'en'): RenderResult {
  return render(<I18nextProvider i18n={createI18n(language)}>{ui}</I18nextProvider>);
}
