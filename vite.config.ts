import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * The Content-Security-Policy of the built app: nothing but its own files. Applied
 * at build only, because the dev server's hot reload needs an inline script.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

function contentSecurityPolicy(): Plugin {
  return {
    name: 'content-security-policy',
    apply: 'build',
    transformIndexHtml: () => [
      { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY }, injectTo: 'head-prepend' },
    ],
  };
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

export default defineConfig({
  plugins: [react(), validateContent(), contentSecurityPolicy()],
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
});
