/**
 * Whether a new passphrase is accepted: at least 12 characters or four words
 * (the rule an officer can remember), and a zxcvbn-ts score of 3 of 4 at least
 * (at least about 10^8 guesses for an attacker who knows common passwords,
 * words, names, keyboard rows, sequences and repeats, in French and English).
 *
 * zxcvbn-ts and its dictionaries (about a megabyte) load only when a new
 * passphrase is being chosen, never with the first screen. Its feedback is in
 * English: only its warning codes are used, mapped to this app's own messages.
 */
import type { ZxcvbnFactory } from '@zxcvbn-ts/core';

export const MIN_SCORE = 3;

/** Why a passphrase is refused (or would be), as keys under `passphrase.reasons`. */
export type PassphraseReason = 'too_short' | 'repeat' | 'sequence' | 'keyboard' | 'dates' | 'common' | 'single_word' | 'names' | 'app_words' | 'guessable';

export interface PassphraseVerdict {
  acceptable: boolean;
  /** zxcvbn score, 0 (guessed at once) to 4. */
  score: number;
  /** What makes it weak, most important first; empty when accepted. */
  reasons: PassphraseReason[];
}

/** Words tied to this app or its setting, which an attacker would try first. */
const APP_WORDS = ['tablette', 'tablet', 'notes', 'passphrase', 'phrase secrète', 'mot de passe', 'password', 'traite', 'trafficking', 'repérage', 'screening', 'police', 'gendarmerie', 'maroc', 'morocco', 'rabat', 'casablanca', 'tanger', '448', '4481', '27.14', '2714'];

export function meetsLengthRule(passphrase: string): boolean {
  const trimmed = passphrase.trim();
  const words = trimmed.split(/\s+/).filter((w) => w.length >= 2).length;
  return [...trimmed].length >= 12 || words >= 4;
}

const WARNINGS: Record<string, PassphraseReason> = {
  simpleRepeat: 'repeat',
  extendedRepeat: 'repeat',
  sequences: 'sequence',
  straightRow: 'keyboard',
  keyPattern: 'keyboard',
  recentYears: 'dates',
  dates: 'dates',
  topTen: 'common',
  topHundred: 'common',
  common: 'common',
  similarToCommon: 'common',
  pwned: 'common',
  wordByItself: 'single_word',
  namesByThemselves: 'names',
  commonNames: 'names',
  userInputs: 'app_words',
};

export type Estimator = Pick<ZxcvbnFactory, 'check'>;

let loading: Promise<Estimator> | undefined;

/** Loads zxcvbn-ts with the common, French and English dictionaries, once. */
export function loadEstimator(): Promise<Estimator> {
  loading ??= Promise.all([import('@zxcvbn-ts/core'), import('@zxcvbn-ts/language-common'), import('@zxcvbn-ts/language-fr'), import('@zxcvbn-ts/language-en')])
    .then(
      ([core, common, fr, en]) =>
        new core.ZxcvbnFactory({
          dictionary: { ...common.dictionary, ...fr.dictionary, ...en.dictionary, userInputs: APP_WORDS },
          graphs: common.adjacencyGraphs,
          // Levenshtein matching costs hundreds of milliseconds a keystroke on a tablet, for little.
          useLevenshteinDistance: false,
        }),
    )
    .catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
  return loading;
}

/** The verdict on a passphrase (`userInputs`: more words an attacker would try, e.g. the officer's name). */
export function judgePassphrase(estimator: Estimator, passphrase: string, userInputs: string[] = []): PassphraseVerdict {
  const result = estimator.check(passphrase, userInputs.filter((w) => w.trim().length > 0));
  const reasons: PassphraseReason[] = [];
  if (!meetsLengthRule(passphrase)) reasons.push('too_short');
  if (result.score < MIN_SCORE) {
    const warning = result.feedback.warning ? WARNINGS[result.feedback.warning] : undefined;
    reasons.push(warning ?? 'guessable');
  }
  return { acceptable: reasons.length === 0, score: result.score, reasons };
}
