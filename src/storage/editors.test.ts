/**
 * Who interviewed and who edited, as the case records them: never today's
 * settings. A tablet passes from shift to shift; the summary of an old case must
 * name the officer who did the interview.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import type { CaseContent } from './case-store';
import { ScreeningDb } from './db';
import { recordEdit } from './editors';
import { createVault } from './vault';

let count = 0;
const PASSPHRASE = 'correct horse battery staple';
const summary = { outcome: null, flags: [], section: 'consent', answered: 0 };
const AMINA = { name: 'Amina Berrada', service: 'Brigade des mineurs', orgType: 'Police' as const };
const KARIM = { name: 'Karim Tazi', service: 'Inspection du travail' };

async function tablet() {
  const store = await createVault(PASSPHRASE, new ScreeningDb(`editors-${++count}`));
  return store;
}

describe('officer per case', () => {
  it('records the officer in Settings when the case is created, and keeps them after a change of shift', async () => {
    const store = await tablet();
    await store.setOfficer(AMINA);
    const id = await store.create({ questionnaireId: 'art-448-1', questionnaireVersion: 1, content: { answers: {}, snapshot: null, interviewLanguage: 'fr' }, summary });
    await store.setOfficer(KARIM);
    const { content } = await store.load(id);
    expect(content.officer).toEqual(AMINA);
    // Karim goes on with Amina's unfinished interview: the case stays Amina's, Karim is listed as having changed it.
    await store.save(id, { content: { ...content, answers: { 'consent.explained': 'yes' } }, summary });
    const after = (await store.load(id)).content;
    expect(after.officer).toEqual(AMINA);
    expect(after.editors).toEqual([expect.objectContaining({ name: KARIM.name, service: KARIM.service })]);
  });

  it('a case opened with nobody named records nobody rather than whoever is named later', async () => {
    const store = await tablet();
    const id = await store.create({ questionnaireId: 'art-448-1', questionnaireVersion: 1, content: { answers: {}, snapshot: null, interviewLanguage: 'fr' }, summary });
    await store.setOfficer(KARIM);
    expect((await store.load(id)).content.officer).toBeNull();
  });

  it('an interview started before its case is written saves as its officer\'s own: nothing read back, the officer kept', async () => {
    // As the app starts one (new-interview.tsx): the officer asked first, then the case written
    // in the background while the interview saves from the content it holds.
    for (const named of [AMINA, null]) {
      const store = await tablet();
      if (named) await store.setOfficer(named);
      const officer = await store.newCaseOfficer();
      expect(officer).toEqual(named);
      const fresh: CaseContent = { answers: {}, snapshot: null, interviewLanguage: 'fr', officer };
      const id = await store.create({ questionnaireId: 'art-448-1', questionnaireVersion: 1, content: fresh, summary });
      const reads = vi.spyOn(crypto.subtle, 'decrypt');
      for (const answer of ['yes', 'no', 'yes']) await store.save(id, { content: { ...fresh, answers: { 'consent.explained': answer } }, summary });
      // The stored content is not opened again at each answer (the slow path read and decrypted it).
      expect(reads).not.toHaveBeenCalled();
      reads.mockRestore();
      const after = (await store.load(id)).content;
      expect(after.officer).toEqual(named);
      expect(after.editors).toBeUndefined();
      expect(after.answers).toEqual({ 'consent.explained': 'yes' });
    }
  });

  it('lists who changed the case later, once per shift, and not someone who only looked at it', async () => {
    const store = await tablet();
    await store.setOfficer(AMINA);
    const id = await store.create({ questionnaireId: 'art-448-1', questionnaireVersion: 1, content: { answers: {}, snapshot: null, interviewLanguage: 'fr' }, summary });
    let { content } = await store.load(id);
    // Amina's own interview, then her own additions once it is completed: no editor.
    await store.save(id, { content: { ...content, answers: { 'consent.explained': 'yes' } }, summary });
    await store.save(id, { status: 'completed', content: { ...content, answers: { 'consent.explained': 'yes' } }, summary });
    await store.update(id, (c, s) => ({ content: { ...c, details: { place: 'Tanger', interpreter: null } }, summary: s }));
    expect((await store.load(id)).content.editors).toBeUndefined();

    await store.setOfficer(KARIM);
    content = (await store.load(id)).content;
    // Karim opens the result and the review: where the interview stands changes, no answer does.
    await store.save(id, { content: { ...content, snapshot: { value: 'review' } }, summary });
    expect((await store.load(id)).content.editors).toBeUndefined();
    // Karim adds the place and then the interpreter: one line for his shift.
    await store.update(id, (c, s) => ({ content: { ...c, details: { place: 'Tanger Med', interpreter: null } }, summary: s }));
    const after = await store.update(id, (c, s) => ({ content: { ...c, details: { place: 'Tanger Med', interpreter: 'yes' } }, summary: s }));
    expect(after.editors).toHaveLength(1);
    expect(after.editors![0]).toMatchObject({ name: KARIM.name, service: KARIM.service });
    expect(after.officer).toEqual(AMINA);
  });

  it('keeps the stored editors when a caller saves an older copy, and starts a new line after a shift', () => {
    const previous: CaseContent = { answers: { a: 'yes' }, snapshot: null, interviewLanguage: 'fr', officer: AMINA, editors: [{ name: KARIM.name, service: KARIM.service, at: 1_000 }] };
    const older: CaseContent = { answers: { a: 'no' }, snapshot: null, interviewLanguage: 'fr' };
    const sameShift = recordEdit(previous, older, KARIM, 2_000);
    expect(sameShift.officer).toEqual(AMINA);
    expect(sameShift.editors).toEqual([{ name: KARIM.name, service: KARIM.service, at: 2_000 }]);
    const nextDay = recordEdit(previous, older, KARIM, 1_000 + 24 * 3_600_000);
    expect(nextDay.editors).toHaveLength(2);
    const unchanged = recordEdit(previous, { ...previous, snapshot: { value: 'result' }, interviewLanguage: 'ar', editors: [] }, KARIM, 5_000);
    expect(unchanged.editors).toEqual(previous.editors);
  });
});
