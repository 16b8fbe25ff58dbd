import { beforeAll, describe, expect, it } from 'vitest';
import { judgePassphrase, loadEstimator, meetsLengthRule } from './passphrase-strength';

// The dictionaries take a moment to load the first time: once, with time to spare.
beforeAll(() => loadEstimator(), 60_000);

describe('which passphrases are accepted', () => {
  it('refuses the weak ones that the 12-character rule alone let through, saying why', async () => {
    const estimator = await loadEstimator();
    expect(judgePassphrase(estimator, 'aaaaaaaaaaaa')).toMatchObject({ acceptable: false, reasons: ['repeat'] });
    expect(judgePassphrase(estimator, 'password1234')).toMatchObject({ acceptable: false, reasons: ['common'] });
    expect(judgePassphrase(estimator, 'ab ab ab ab')).toMatchObject({ acceptable: false, reasons: ['repeat'] });
    expect(judgePassphrase(estimator, 'abcdefghijkl')).toMatchObject({ acceptable: false, reasons: ['sequence'] });
    expect(judgePassphrase(estimator, 'azertyuiopqs')).toMatchObject({ acceptable: false, reasons: ['keyboard'] });
    expect(judgePassphrase(estimator, 'un deux trois quatre')).toMatchObject({ acceptable: false, reasons: ['sequence'] });
  });

  it('refuses a short one even when it is hard to guess, and words an attacker would try first', async () => {
    const estimator = await loadEstimator();
    const short = judgePassphrase(estimator, 'Xq7#vR2!Lm');
    expect(short.acceptable).toBe(false);
    expect(short.reasons[0]).toBe('too_short');
    // Long enough, but the tablet itself or the officer's service: the words tried first.
    expect(judgePassphrase(estimator, 'Tablette2024!')).toMatchObject({ acceptable: false, reasons: ['app_words'] });
    expect(judgePassphrase(estimator, 'Brigade Tanger', ['Brigade Tanger'])).toMatchObject({ acceptable: false, reasons: ['app_words'] });
  });

  it('accepts a sentence of unrelated words, in French or English', async () => {
    const estimator = await loadEstimator();
    for (const good of ['quatre mots pour la tablette', 'mon chat mange du riz', 'correct horse battery staple', 'nouvelle phrase secrète du poste']) {
      expect(judgePassphrase(estimator, good), good).toMatchObject({ acceptable: true, reasons: [] });
    }
  });

  it('counts characters, not UTF-16 units, and four words of two letters or more', () => {
    expect(meetsLengthRule('abcdefghijk')).toBe(false);
    expect(meetsLengthRule('abcdefghijkl')).toBe(true);
    expect(meetsLengthRule('كلمة سر قوية جدا')).toBe(true);
    expect(meetsLengthRule('a b c d')).toBe(false);
    expect(meetsLengthRule('ab cd ef gh')).toBe(true);
  });
});
