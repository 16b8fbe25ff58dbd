/**
 * A refused import, said in the screen's language: which file, which field, what
 * is wrong (src/content/import-check.ts gives them as codes). Anything else that
 * went wrong is said in general terms, never as a raw English message.
 */
import type { TFunction } from 'i18next';
import { ImportError } from '../content/import-check';

/** A file or field name kept in its own direction inside a sentence (an English file name in Arabic text). */
export const isolate = (text: string) => `\u2068${text}\u2069`;

export function describeImportError(t: TFunction, error: unknown, file?: string, fieldLabel: (field: string) => string = (field) => field): string {
  if (error instanceof ImportError) {
    const problem = t(`imports.problems.${error.problem}`, { limit: error.limit ?? '' });
    // A form on screen, not a file: name the field only.
    if (!error.file) return t('imports.whereForm', { field: isolate(fieldLabel(error.field ?? '')), problem });
    return error.field ? t('imports.where', { file: isolate(error.file), field: isolate(error.field), problem }) : t('imports.whereFile', { file: isolate(error.file), problem });
  }
  return t('imports.whereFile', { file: isolate(file ?? '—'), problem: t('imports.problems.invalid') });
}
