/**
 * npm run assess -- FILE [--format json|text] [--lang fr|ar|en]
 * Reads a facts, answers or scenario file ("-" for standard input), prints the
 * assessment. Bad input: one line on stderr per problem found in the file (every
 * problem, not only the first), exit code 1. An answer to a question that the
 * other answers hide is a warning line on stderr; the exit code stays 0.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { InputError } from '../engine';
import { assessDocument, parseJson } from '../content/documents';
import { createI18n, isUiLanguage } from '../i18n';
import '../i18n/all';
import { formatAssessmentText } from './format-text';

const USAGE = 'usage: npm run assess -- FILE|- [--format json|text] [--lang fr|ar|en]';

class UsageError extends Error {}

function parseArgs(argv: string[]): { file: string; format: 'json' | 'text'; lang: 'fr' | 'ar' | 'en' } {
  let file: string | undefined;
  let format: 'json' | 'text' = 'json';
  let lang: 'fr' | 'ar' | 'en' = 'fr';
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [name, inline] = arg.startsWith('--') ? arg.split('=', 2) : [arg, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new UsageError(`${name} needs a value`);
      return v;
    };
    if (name === '--format') {
      const v = value();
      if (v !== 'json' && v !== 'text') throw new UsageError(`--format must be json or text, not "${v}"`);
      format = v;
    } else if (name === '--lang') {
      const v = value();
      if (!isUiLanguage(v)) throw new UsageError(`--lang must be fr, ar or en, not "${v}"`);
      lang = v;
    } else if (name === '--help' || name === '-h') {
      throw new UsageError('');
    } else if (arg.startsWith('--')) {
      throw new UsageError(`unknown option ${arg}`);
    } else if (file === undefined) {
      file = arg;
    } else {
      throw new UsageError(`one file at a time (got "${file}" and "${arg}")`);
    }
  }
  if (file === undefined) throw new UsageError('no file given');
  return { file, format, lang };
}

function main(argv: string[]): number {
  let args;
  try {
    args = parseArgs(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message ? `error: ${error.message}\n` : ''}${USAGE}\n`);
      return 2;
    }
    throw error;
  }
  // npm runs scripts from the package root; a path is meant from where the person typed it.
  const cwd = process.env.INIT_CWD ?? process.cwd();
  const label = args.file === '-' ? '<stdin>' : args.file;
  try {
    let text: string;
    try {
      text = args.file === '-' ? readFileSync(0, 'utf8') : readFileSync(resolve(cwd, args.file), 'utf8');
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
      throw new InputError(`cannot read: ${reason}`, [label]);
    }
    const { assessment, warnings } = assessDocument(parseJson(text, label), label);
    for (const warning of warnings) process.stderr.write(`warning: ${warning}\n`);
    const output = args.format === 'json' ? `${JSON.stringify(assessment, null, 2)}\n` : formatAssessmentText(assessment, createI18n(args.lang).t, args.lang);
    process.stdout.write(output);
    return 0;
  } catch (error) {
    if (error instanceof InputError) {
      for (const problem of error.problems) process.stderr.write(`error: ${problem}\n`);
      return 1;
    }
    throw error;
  }
}

process.exitCode = main(process.argv.slice(2));
