import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { STARTER_DIRECTORY, type Service } from '../../content/directory';
import { buildAckBody, encodeBody } from '../../content/handover-package';
import { generateIdentity, packageMeta, sealPackage } from '../../crypto/handover';
import { ScreeningDb } from '../../storage/db';
import { createVault } from '../../storage/vault';
import type { CaseStore } from '../../storage';
import { acknowledge, HandoverFlowError, noteCandidates, openArrived, sendReferral } from './actions';

const PASSPHRASE = 'tablet passphrase of four words';
let n = 0;
const scenario = JSON.parse(readFileSync('questionnaires/scenarios/child-domestic-servitude.json', 'utf8')) as { answers: Record<string, string> };

async function tablet(): Promise<CaseStore> {
  return createVault(PASSPHRASE, new ScreeningDb(`actions-${++n}`));
}

async function caseOn(store: CaseStore, answers: Record<string, string>): Promise<string> {
  return store.create({
    questionnaireId: 'art-448-1',
    questionnaireVersion: 1,
    content: { answers, snapshot: null, interviewLanguage: 'fr', details: { place: 'Port de Tanger Med', interpreter: 'yes' } },
    summary: { outcome: 'presumed_victim', flags: [], section: 'result', answered: 40 },
  });
}

/** The police tablet's directory with the shelter's key, checked by phone (or not). */
async function withShelterKey(police: CaseStore, shelter: CaseStore, verified = true): Promise<Service> {
  const key = (await shelter.handover().identity()).publicKey;
  const entry: Service = { ...STARTER_DIRECTORY.find((s) => s.id === 'ngo-shelter')!, publicKey: key, ...(verified ? { keyVerifiedAt: Date.now() } : {}) };
  await police.setDirectory(STARTER_DIRECTORY.map((s) => (s.id === entry.id ? entry : s)));
  return entry;
}

const statusOf = async (store: CaseStore, caseId: string) => (await store.load(caseId)).content.referrals!.at(-1)!.status;

describe('sending, receiving and acknowledging', () => {
  it('sent → received → accepted on the police tablet, driven only by the shelter’s signed acknowledgements; a late "received" never moves it back', async () => {
    const [police, shelter] = await Promise.all([tablet(), tablet()]);
    const service = await withShelterKey(police, shelter);
    const caseId = await caseOn(police, { ...scenario.answers, 'consent.share_referral': 'yes', 'closing.officer_notes': 'Dort au dépôt' });
    const sent = await sendReferral(police, { caseId, service, noteKeys: ['closing'], days: 14 });
    const { item, content } = await police.load(caseId);
    expect(item.status).toBe('referred');
    expect(content.referrals!.at(-1)).toMatchObject({ method: 'package', status: 'sent', packageId: sent.meta.id, serviceId: 'ngo-shelter' });

    const opened = await openArrived(shelter, sent.file, STARTER_DIRECTORY);
    if (opened.kind !== 'referral') throw new Error('expected a referral');
    expect(opened.referral.body.notes).toEqual([{ text: 'Dort au dépôt', at: null }]);
    expect(opened.referral.body.interview.place).toBe('Port de Tanger Med');
    expect(opened.referral.sender.knownAs).toBeNull();

    const receipt = await acknowledge(shelter, opened.referral, 'received', null);
    expect(await openArrived(police, receipt.file, [])).toMatchObject({ kind: 'ack', decision: 'received', applied: true });
    expect(await statusOf(police, caseId)).toBe('received');

    const accepted = await acknowledge(shelter, receipt.referral, 'accepted', 'Place réservée ce soir');
    expect(await openArrived(police, accepted.file, [])).toMatchObject({ kind: 'ack', decision: 'accepted', applied: true });
    expect(await statusOf(police, caseId)).toBe('accepted');
    expect((await police.load(caseId)).content.referrals!.at(-1)!.notes.map((x) => x.text)).toEqual(['Place réservée ce soir']);
    expect((await police.list())[0]!.summary.referral).toEqual({ serviceName: service.name, status: 'accepted' });

    // The receipt arriving late (opened again) does not undo the acceptance.
    expect(await openArrived(police, receipt.file, [])).toMatchObject({ kind: 'ack', applied: false });
    expect(await statusOf(police, caseId)).toBe('accepted');
  });

  it('names a known sender by its directory entry, only when its key was verified', async () => {
    const [police, shelter] = await Promise.all([tablet(), tablet()]);
    const service = await withShelterKey(police, shelter);
    const caseId = await caseOn(police, { ...scenario.answers, 'consent.share_referral': 'yes' });
    const policeKey = (await police.handover().identity()).publicKey;
    const policeEntry = (verified: boolean): Service[] => [{ ...STARTER_DIRECTORY.find((s) => s.id === 'police-emergency')!, publicKey: policeKey, ...(verified ? { keyVerifiedAt: 1 } : {}) }];
    const first = await sendReferral(police, { caseId, service, noteKeys: [], days: 14 });
    const second = await sendReferral(police, { caseId, service, noteKeys: [], days: 14 });
    expect(await openArrived(shelter, first.file, policeEntry(true))).toMatchObject({ kind: 'referral', referral: { sender: { knownAs: 'DGSN — police secours / Gendarmerie royale' } } });
    expect(await openArrived(shelter, second.file, policeEntry(false))).toMatchObject({ kind: 'referral', referral: { sender: { knownAs: null } } });
  });

  it('refuses an acknowledgement signed by another key than the one the package went to, or for a package never sent', async () => {
    const [police, shelter] = await Promise.all([tablet(), tablet()]);
    const service = await withShelterKey(police, shelter);
    const caseId = await caseOn(police, { ...scenario.answers, 'consent.share_referral': 'yes' });
    const sent = await sendReferral(police, { caseId, service, noteKeys: [], days: 14 });
    const policeKey = (await police.handover().identity()).publicKey;
    const { identity: impostor } = await generateIdentity();
    const forge = (packageId: string) =>
      sealPackage(packageMeta('ack', 30), encodeBody(buildAckBody({ packageId, caseReference: 'TR-AAAA-BBBB', decision: 'declined', at: Date.now(), service: null, note: null })), impostor, policeKey);

    await expect(openArrived(police, await forge(sent.meta.id), [])).rejects.toMatchObject({ code: 'ack_wrong_signer' });
    await expect(openArrived(police, await forge('0000000000000000000000000Z'), [])).rejects.toMatchObject({ code: 'ack_unknown' });
    expect(await statusOf(police, caseId)).toBe('sent');
  });

  it('sends nothing without consent or a legal reason, nor to a key not checked by phone', async () => {
    const [police, shelter] = await Promise.all([tablet(), tablet()]);
    const unverified = await withShelterKey(police, shelter, false);
    const noConsent = await caseOn(police, { ...scenario.answers, 'consent.share_referral': 'no' });
    const consent = await caseOn(police, { ...scenario.answers, 'consent.share_referral': 'yes' });
    await expect(sendReferral(police, { caseId: noConsent, service: { ...unverified, keyVerifiedAt: 1 }, noteKeys: [], days: 14 })).rejects.toBeInstanceOf(HandoverFlowError);
    await expect(sendReferral(police, { caseId: consent, service: unverified, noteKeys: [], days: 14 })).rejects.toMatchObject({ code: 'no_key' });
    expect((await police.load(consent)).content.referrals ?? []).toEqual([]);
    expect(await police.handover().findSent('0000000000000000000000000Z')).toBeNull();
  });

  it('offers the closing notes and the notes taken during the interview, none ticked by default', () => {
    const notes = noteCandidates({
      answers: { 'closing.officer_notes': ' Suivi demain ' },
      snapshot: null,
      interviewLanguage: 'fr',
      notes: [{ id: 'n1', at: 5, questionId: 'means.threatened', text: 'Menaces au téléphone' }],
    } as never);
    expect(notes).toEqual([
      { key: 'closing', text: 'Suivi demain', at: null },
      { key: 'n1', text: 'Menaces au téléphone', at: 5 },
    ]);
    expect(noteCandidates({ answers: { 'closing.officer_notes': 'refused' }, snapshot: null, interviewLanguage: 'fr' })).toEqual([]);
  });
}, 60_000);
