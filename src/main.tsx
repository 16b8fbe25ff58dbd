import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, initialLanguage } from './app/app';
import { directionOf, loadLanguage } from './i18n';
import './app/styles.css';

// Only the language on screen is loaded before the first screen is drawn; its
// direction is set at once, so nothing is laid out the wrong way round meanwhile.
const language = initialLanguage();
document.documentElement.lang = language;
document.documentElement.dir = directionOf(language);
void loadLanguage(language).then(() =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App language={language} />
    </StrictMode>,
  ),
);
