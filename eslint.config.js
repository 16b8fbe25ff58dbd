// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import path from 'node:path';

const SRC = path.resolve('src');

/**
 * The architecture of DESIGN.md, enforced: the engine is pure (no React, Dexie,
 * XState, i18next, DOM or Node), only storage touches Dexie, features never import
 * each other, and nothing below the app imports the app.
 */
const PACKAGE_RULES = {
  engine: { allowed: ['zod'], message: 'the engine is pure TypeScript: it may import only zod and itself' },
};
const TEST_PACKAGES = ['vitest', 'fast-check', '@testing-library', 'fake-indexeddb'];
const UI_PACKAGES = ['react', 'react-dom', 'react-i18next', 'i18next', 'xstate', '@xstate/', 'dexie'];

/** The zone of a file: "engine", "storage", "features/interview", ... or null outside src. */
function zoneOf(file) {
  const rel = path.relative(SRC, file);
  if (rel.startsWith('..')) return null;
  const [top, sub] = rel.split(path.sep);
  if (top === 'features' && sub && !sub.includes('.')) return `features/${sub}`;
  return top.includes('.') ? 'root' : top;
}

/** Which zones each zone may import (besides itself). */
const MAY_IMPORT = {
  engine: [],
  crypto: [],
  i18n: [],
  content: ['engine'],
  storage: ['engine', 'crypto', 'content'],
  machines: ['engine', 'content'],
  components: ['engine', 'i18n', 'content'],
  features: ['engine', 'i18n', 'content', 'components', 'machines', 'storage', 'crypto'],
  app: ['*'],
  cli: ['engine', 'content', 'i18n'],
  root: ['*'],
};

const architecture = {
  meta: { type: 'problem', schema: [], messages: { forbidden: '{{reason}}' } },
  create(context) {
    const from = zoneOf(context.filename);
    if (!from) return {};
    const fromKind = from.startsWith('features/') ? 'features' : from;
    const isTest = /\.test\.tsx?$/.test(context.filename);
    const report = (node, reason) => context.report({ node, messageId: 'forbidden', data: { reason } });
    const check = (node, source) => {
      if (typeof source !== 'string') return;
      if (!source.startsWith('.')) {
        if (isTest && TEST_PACKAGES.some((p) => source === p || source.startsWith(`${p}/`))) return;
        if (fromKind === 'engine' && !PACKAGE_RULES.engine.allowed.includes(source)) {
          report(node, `${PACKAGE_RULES.engine.message} (found "${source}")`);
        }
        if (['crypto'].includes(fromKind) && UI_PACKAGES.some((p) => source === p || source.startsWith(p))) {
          report(node, `src/${from} uses WebCrypto only (found "${source}")`);
        }
        if ((source === 'dexie' || source.startsWith('dexie/')) && fromKind !== 'storage') {
          report(node, 'only src/storage may import dexie');
        }
        // PouchDB is the team sync protocol: one module maps it to the store, and it loads only in a team.
        if (source.startsWith('pouchdb') && !context.filename.startsWith(path.join(SRC, 'storage', 'sync') + path.sep) && !isTest) {
          report(node, 'only src/storage/sync may import PouchDB (loaded only on a tablet in a team)');
        }
        return;
      }
      const target = zoneOf(path.resolve(path.dirname(context.filename), source));
      if (!target || target === from) return;
      const targetKind = target.startsWith('features/') ? 'features' : target;
      if (fromKind === 'features' && targetKind === 'features') {
        report(node, `features never import each other (${from} → ${target}); share through src/components or src/app`);
        return;
      }
      const allowed = MAY_IMPORT[fromKind] ?? [];
      if (!allowed.includes('*') && !allowed.includes(targetKind)) {
        report(node, `src/${from} may not import src/${target} (allowed: ${allowed.join(', ') || 'nothing outside itself'})`);
      }
    };
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
    };
  },
};

/**
 * Nothing typed into the app may be kept by the browser or the keyboard in
 * clear: the browser's autofill store (the profile's "Web Data" file), a
 * password manager (which may sync to the cloud), the keyboard's learned words.
 * Every <input> and <textarea> that takes text must say
 *   autoComplete="off" spellCheck={false} autoCorrect="off"
 * (and autoCapitalize="off" for passphrases, whose typed form must not change),
 * and carry no `name` (autofill keys its memory by name). "new-password" or
 * "current-password" are refused: they invite a password manager to save it.
 * Checkboxes, radios and file pickers hold no typed text and are left alone.
 */
const NOT_TYPED = new Set(['checkbox', 'radio', 'file', 'hidden', 'range', 'color', 'submit', 'button', 'reset', 'image']);
const noAutofill = {
  meta: { type: 'problem', schema: [], messages: { missing: '<{{element}}> {{what}} (what is typed must not reach the autofill store, a password manager or the keyboard memory)' } },
  create(context) {
    const attribute = (node, name) => node.attributes.find((a) => a.type === 'JSXAttribute' && a.name.name === name);
    /** The literal value of an attribute: a string, a boolean, or undefined when it is computed. */
    const literal = (attr) => {
      if (!attr) return undefined;
      if (attr.value === null) return true;
      if (attr.value.type === 'Literal') return attr.value.value;
      if (attr.value.type === 'JSXExpressionContainer' && attr.value.expression.type === 'Literal') return attr.value.expression.value;
      return undefined;
    };
    return {
      JSXOpeningElement(node) {
        const element = node.name.type === 'JSXIdentifier' ? node.name.name : null;
        if (element !== 'input' && element !== 'textarea') return;
        // The possible types: one literal, both branches of `a ? 'x' : 'y'`, or unknown (undefined).
        const typeAttr = attribute(node, 'type');
        const expression = typeAttr?.value?.type === 'JSXExpressionContainer' ? typeAttr.value.expression : null;
        const types =
          element === 'textarea'
            ? ['textarea']
            : !typeAttr
              ? ['text']
              : expression?.type === 'ConditionalExpression' && expression.consequent.type === 'Literal' && expression.alternate.type === 'Literal'
                ? [expression.consequent.value, expression.alternate.value]
                : [literal(typeAttr)];
        if (types.every((t) => typeof t === 'string' && NOT_TYPED.has(t))) return;
        const digitsOnly = types.every((t) => t === 'number');
        const passphrase = types.some((t) => t === 'password' || t === undefined);
        const missing = [];
        if (literal(attribute(node, 'autoComplete')) !== 'off') missing.push('autoComplete="off"');
        // Digits only: no spell check or autocorrect to switch off.
        if (!digitsOnly) {
          if (literal(attribute(node, 'spellCheck')) !== false) missing.push('spellCheck={false}');
          if (literal(attribute(node, 'autoCorrect')) !== 'off') missing.push('autoCorrect="off"');
          // A computed type may become "password" (a show/hide toggle).
          if (passphrase && literal(attribute(node, 'autoCapitalize')) !== 'off') missing.push('autoCapitalize="off" (a passphrase must stay as typed)');
        }
        const problems = missing.length > 0 ? [`needs ${missing.join(', ')}`] : [];
        if (!digitsOnly && attribute(node, 'name')) problems.push('must not have a name (autofill remembers by name)');
        if (node.attributes.some((a) => a.type === 'JSXSpreadAttribute')) problems.push('must not spread props (these attributes could not be checked)');
        if (problems.length > 0) context.report({ node, messageId: 'missing', data: { element, what: problems.join('; ') } });
      },
    };
  },
};

export default tseslint.config(
  { ignores: ['dist', 'dev-dist', 'node_modules', 'test-results', 'bench-results', 'coverage'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,js,mjs}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { local: { rules: { architecture, 'no-autofill': noAutofill } }, 'react-hooks': reactHooks },
    rules: {
      'local/architecture': 'error',
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['error'] }],
    },
  },
  {
    files: ['src/**/*.tsx'],
    rules: { 'local/no-autofill': 'error' },
  },
  {
    // The engine must not reach for the DOM or Node: its tsconfig has neither, and
    // lint says so early and by name.
    files: ['src/engine/**/*.ts'],
    ignores: ['src/engine/**/*.test.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'localStorage', 'indexedDB', 'crypto', 'process', 'console', 'fetch'],
    },
  },
  {
    files: ['src/cli/**/*.ts', 'test/**/*.ts', '*.config.{ts,js}', '.ci/**/*.{js,mjs}'],
    rules: { 'no-console': 'off' },
  },
);
