import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, initialLanguage } from './app/app';
import { loadLanguage } from './i18n';
import './app/styles.css';

// Only the language on screen is loaded before the first screen is drawn.
const language = initialLanguage();
void loadLanguage(language).then(() =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App language={language} />
    </StrictMode>,
  ),
);
