/**
 * The SurveyJS peer of npm run bench: SurveyJS's own React UI (survey-core +
 * survey-react-ui from npm) showing the form generated from our questionnaire
 * (test/bench/surveyjs.ts), built by the same Vite, served by the same server
 * with the same Content-Security-Policy, precached by its own service worker so
 * that it starts offline as the app does. Nothing is added to help or hinder it.
 */
import { createRoot } from 'react-dom/client';
import { Model } from 'survey-core';
import { Survey } from 'survey-react-ui';
import 'survey-core/survey-core.fontless.min.css';
import json from '@bench/survey.json';

const model = new Model(json);
createRoot(document.getElementById('root')!).render(<Survey model={model} />);
if ('serviceWorker' in navigator) void navigator.serviceWorker.register('/sw.js');
