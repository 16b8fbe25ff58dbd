import { defineConfig, loadEnv, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BOOT_STRINGS, pickStrings } from './src/i18n/boot-strings.ts';

/**
 * Team sync servers this build may talk to, set at build time:
 * `SYNC_SERVER_ORIGINS="https://sync.example.org"` (several separated by spaces or
 * commas). Each must be a bare origin over https (http only on this machine, for
 * tests). Unset — the default — the app talks to nobody but its own origin.
 */
export function syncServerOrigins(value = process.env.SYNC_SERVER_ORIGINS ?? ''): string[] {
  const origins = value.split(/[\s,]+/).filter(Boolean);
  for (const origin of origins) {
    let url: URL;
    try {
      url = new URL(origin);
    } catch {
      throw new Error(`SYNC_SERVER_ORIGINS: "${origin}" is not a URL`);
    }
    const local = url.hostname === '127.0.0.1' || url.hostname === 'localhost';
    if (url.origin !== origin || (url.protocol !== 'https:' && !(url.protocol === 'http:' && local))) {
      throw new Error(`SYNC_SERVER_ORIGINS: "${origin}" must be an origin like https://sync.example.org (no path, no trailing slash; http only for 127.0.0.1)`);
    }
  }
  return origins;
}

/**
 * The Content-Security-Policy of the built app: nothing but its own files, and the
 * team sync servers named at build time, if any. Applied at build only, because the
 * dev server's hot reload needs an inline script.
 */
export function contentSecurityPolicyFor(syncOrigins: string[]): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    ['connect-src', "'self'", ...syncOrigins].join(' '),
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

export const CONTENT_SECURITY_POLICY = contentSecurityPolicyFor(syncServerOrigins());

/**
 * `virtual:boot-strings-fr` (en, ar): the strings the first screen needs, taken
 * from src/i18n/locales/fr.json at build time (src/i18n/boot-strings.ts), so that
 * the first screen does not load every screen's strings.
 */
export function bootStrings(): Plugin {
  const prefix = 'virtual:boot-strings-';
  return {
    name: 'boot-strings',
    resolveId: (id) => (id.startsWith(prefix) ? `\0${id}` : null),
    load(id) {
      if (!id.startsWith(`\0${prefix}`)) return null;
      const language = id.slice(prefix.length + 1);
      const file = fileURLToPath(new URL(`./src/i18n/locales/${language}.json`, import.meta.url));
      this.addWatchFile(file);
      const picked = pickStrings(JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>, BOOT_STRINGS);
      return `export default JSON.parse(${JSON.stringify(JSON.stringify(picked))});`;
    },
  };
}

function contentSecurityPolicy(): Plugin {
  return {
    name: 'content-security-policy',
    apply: 'build',
    transformIndexHtml: () => [
      { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY }, injectTo: 'head-prepend' },
    ],
  };
}

/**
 * What the tab, the History, the home-screen icon and the app switcher call the
 * app: a neutral name, so that someone glancing at the tablet or its browser
 * history learns nothing. The deploying organisation may set its own at build
 * time: VITE_APP_NAME="…" npm run build (or in a .env file).
 */
export const DEFAULT_APP_NAME = 'Notes';

function appNameOf(mode: string): string {
  return loadEnv(mode, process.cwd(), 'VITE_').VITE_APP_NAME?.trim() || DEFAULT_APP_NAME;
}

const escapeHtml = (text: string) => text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** Puts the app's name into index.html (title, application-name, apple-mobile-web-app-title). */
function appNameInHtml(name: string): Plugin {
  return { name: 'app-name', transformIndexHtml: (html) => html.replaceAll('%APP_NAME%', escapeHtml(name)) };
}

/** A broken questionnaire, translation or scenario fails the build, naming the file and field. */
function validateContent(): Plugin {
  return {
    name: 'validate-questionnaires',
    buildStart() {
      // Run as a child process: the config loader should not have to bundle the engine.
      const result = spawnSync(join('node_modules', '.bin', 'tsx'), ['src/cli/validate.ts'], { encoding: 'utf8' });
      if (result.status !== 0) this.error(`questionnaire content is invalid:\n${result.stderr || result.error?.message}`);
    },
  };
}

/**
 * Offline for weeks: every chunk, style, icon and the manifest are precached on
 * the first visit (questionnaires, scenarios and translations are inside the
 * chunks). Updates wait for the officer ("prompt"), offered only on a safe screen.
 */
const pwa = (name: string) => VitePWA({
  registerType: 'prompt',
  injectRegister: false,
  includeAssets: ['icon.svg', 'icons/apple-touch-icon.png'],
  manifest: {
    id: '/',
    // Neutral (see appNameOf): an installed app's name shows on the home screen and in the app switcher.
    name,
    short_name: name,
    // Without it the plugin copies package.json's description, which says what the app is for.
    description: name,
    lang: 'fr',
    dir: 'ltr',
    start_url: '/',
    scope: '/',
    display: 'standalone',
    orientation: 'any',
    theme_color: '#1d4f73',
    background_color: '#ffffff',
    icons: [
      { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
      { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
      { src: 'icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    ],
  },
  workbox: {
    globPatterns: ['**/*.{js,css,html,svg,png,webmanifest,json}'],
    navigateFallback: 'index.html',
    cleanupOutdatedCaches: true,
    maximumFileSizeToCacheInBytes: 5 * 1024 * 1024,
  },
});

export default defineConfig(({ mode }) => ({
  define: {
    // Shown in settings, so an officer can tell which build the tablet runs.
    __APP_BUILD__: JSON.stringify(process.env.APP_BUILD ?? process.env.npm_package_version ?? 'dev'),
    // The team screens refuse a server this build's Content-Security-Policy would block, and say so.
    __SYNC_SERVER_ORIGINS__: JSON.stringify(syncServerOrigins()),
  },
  plugins: [react(), bootStrings(), validateContent(), contentSecurityPolicy(), appNameInHtml(appNameOf(mode)), pwa(appNameOf(mode))],
  build: {
    target: 'es2022',
    sourcemap: false,
  },
  preview: {
    headers: {
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
    },
  },
}));
