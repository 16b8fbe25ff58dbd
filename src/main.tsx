import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, initialLanguage } from './app/app';
import { directionOf, loadLanguage } from './i18n';
import { probeVault } from './storage/probe';
import './app/styles.css';

// Only the language on screen is loaded before the first screen is drawn; its
// direction is set at once, so nothing is laid out the wrong way round meanwhile.
const language = initialLanguage();
document.documentElement.lang = language;
document.documentElement.dir = directionOf(language);
// Whether a passphrase is set is read while the strings load (IndexedDB opens in
// its own time): the first draw is the right screen, unlock or first use.
void Promise.all([loadLanguage(language), probeVault()]).then(([, vault]) =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App language={language} vault={vault} />
    </StrictMode>,
  ),
);
