import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import qrcode from 'qrcode-generator';
import jsQR from 'jsqr';
import { assessAnswers } from '../engine';
import { findQuestionnaire } from './questionnaires';
import { STARTER_DIRECTORY, parseDirectory, serialiseDirectory } from './directory';
import { buildAckBody, buildReferralBody, encodeBody, parseAckBody, parseReferralBody, parseServiceKey, serialiseServiceKey, MAX_NOTE_CHARS, type ReferralInput } from './handover-package';
import { MAX_QR_CODES, QrCollector, toQrSequence } from './qr-sequence';

const KEY = `SK1.${'A'.repeat(122)}.${'B'.repeat(122)}`;

function referralInput(overrides: Partial<ReferralInput> = {}): ReferralInput {
  const scenario = JSON.parse(readFileSync('questionnaires/scenarios/child-domestic-servitude.json', 'utf8')) as { version: number; answers: Record<string, string> };
  const questionnaire = findQuestionnaire('art-448-1', scenario.version);
  return {
    reference: 'TR-7QK2-M9XD',
    questionnaire: { id: questionnaire.id, version: questionnaire.version },
    answers: scenario.answers,
    assessment: assessAnswers(questionnaire, scenario.answers),
    interviewAt: Date.UTC(2026, 10, 3, 10),
    sentAt: Date.UTC(2026, 10, 3, 12),
    officer: { name: 'Nadia Alaoui', service: 'Brigade de Tanger', orgType: 'Police' },
    to: { serviceId: 'ngo-shelter', serviceName: 'Foyer Al Amal' },
    basis: 'child',
    details: { place: 'Port de Tanger Med', interpreter: 'yes', language: 'fr' },
    notes: [{ text: 'Dort au dépôt de la rue des Orangers', at: Date.UTC(2026, 10, 3, 11) }],
    ...overrides,
  };
}

describe('referral body', () => {
  it('carries the HTCDS export, the element statuses with their codes and article, the flags and the chosen notes — and comes back identical', () => {
    const body = buildReferralBody(referralInput());
    expect(body.htcds.vic_TraffickingStatus).toBe('PossibleVictimOfTrafficking');
    expect(body.htcds.x_art4481.outcome).toBe('presumed_victim');
    expect(body.htcds.x_art4481.reasons.map((r) => r.element)).toEqual(['act', 'means', 'purpose', 'threshold']);
    expect(body.htcds.x_art4481.flags).toContain('child');
    expect(body.flagReasons.find((f) => f.flag === 'child')?.article).toMatch(/448-1/);
    expect(body.notes).toEqual([{ text: 'Dort au dépôt de la rue des Orangers', at: Date.UTC(2026, 10, 3, 11) }]);
    expect(body.htcds.cas_ReferredOrganisation).toBe('Foyer Al Amal');
    expect(parseReferralBody(encodeBody(body))).toEqual(body);
    // No answers travel: only what a receiving service acts on.
    expect(JSON.stringify(body)).not.toContain('"answers"');
  });

  it.each<[string, (b: Record<string, unknown>) => unknown, RegExp]>([
    ['an unknown field', (b) => ({ ...b, answers: { x: 'yes' } }), /referral: field "answers": unknown field, refused/],
    ['an oversized note', (b) => ({ ...b, notes: [{ text: 'x'.repeat(MAX_NOTE_CHARS + 1), at: null }] }), /referral: field "notes\.0\.text"/],
    ['a wrong case reference', (b) => ({ ...b, caseReference: 'Amina B.' }), /referral: field "caseReference": not a case reference/],
    ['a date out of range', (b) => ({ ...b, sentAt: 9e15 }), /referral: field "sentAt"/],
    ['an HTCDS value that is not one', (b) => ({ ...b, htcds: { ...(b.htcds as object), vic_MethodsOfControl: ['Magic'] } }), /field "htcds\.vic_MethodsOfControl\.0"/],
    ['an object where a string belongs', (b) => ({ ...b, from: { officer: { name: 'x' }, service: null, orgType: 'Police' } }), /field "from\.officer"/],
  ])('refuses %s, naming the field', (_name, change, message) => {
    const body = buildReferralBody(referralInput()) as unknown as Record<string, unknown>;
    expect(() => parseReferralBody(new TextEncoder().encode(JSON.stringify(change(body))))).toThrow(message);
  });

  it('refuses bytes that are not UTF-8 JSON', () => {
    expect(() => parseReferralBody(new Uint8Array([0xff, 0xfe, 0x00]))).toThrow(/referral: not valid JSON/);
  });

  it('an acknowledgement names the package and the decision, nothing else', () => {
    const ack = buildAckBody({ packageId: '0123456789ABCDEFGHJKMNPQRS', caseReference: 'TR-7QK2-M9XD', decision: 'accepted', at: Date.UTC(2026, 10, 4), service: 'Foyer Al Amal', note: null });
    expect(parseAckBody(encodeBody(ack))).toEqual(ack);
    expect(() => buildAckBody({ ...ack, decision: 'maybe' as 'accepted' })).toThrow(/field "decision"/);
    expect(() => parseAckBody(new TextEncoder().encode(JSON.stringify({ ...ack, packageId: 'ILOU' })))).toThrow(/not a package id/);
  });
});

describe('service key file and directory', () => {
  it('reads the key file this app writes and the bare one-line key; refuses anything else', () => {
    const file = serialiseServiceKey({ publicKey: KEY, label: 'Foyer Al Amal', fingerprint: 'ABCD-EFGH-JKMN-PQRS-TVWX-YZ01' });
    expect(parseServiceKey(file)).toEqual({ publicKey: KEY, label: 'Foyer Al Amal', statedFingerprint: 'ABCD-EFGH-JKMN-PQRS-TVWX-YZ01' });
    expect(parseServiceKey(`  ${KEY}\n`)).toEqual({ publicKey: KEY, label: null, statedFingerprint: null });
    expect(() => parseServiceKey(KEY.slice(0, -1), 'cle.json')).toThrow(/cle\.json: not a complete service key/);
    expect(() => parseServiceKey(JSON.stringify({ ...JSON.parse(file), extra: 1 }), 'cle.json')).toThrow(/cle\.json: field "extra": unknown field/);
    expect(() => parseServiceKey('x'.repeat(5000), 'cle.json')).toThrow(/larger than/);
  });

  it('a directory entry keeps its key, but an imported file cannot claim the key was verified on this tablet', () => {
    const services = [{ ...STARTER_DIRECTORY[7]!, publicKey: KEY, keyVerifiedAt: Date.UTC(2026, 10, 1) }];
    const imported = parseDirectory(serialiseDirectory(services), 'annuaire.json');
    expect(imported[0]!.publicKey).toBe(KEY);
    expect(imported[0]!.keyVerifiedAt).toBeUndefined();
    expect(() => parseDirectory(serialiseDirectory([{ ...STARTER_DIRECTORY[7]!, publicKey: 'SK1.short' }]), 'annuaire.json')).toThrow(/field "services › 1 › publicKey": not in the expected format/);
  });
});

/** Draws a code the way the app does (qrcode-generator, alphanumeric) and reads it back with jsQR, as the camera path does. */
function drawAndRead(text: string): string | null {
  const qr = qrcode(0, 'M');
  qr.addData(text, /^[0-9A-Z $%*+\-./:]*$/.test(text) ? 'Alphanumeric' : 'Byte');
  qr.make();
  const cell = 4;
  const margin = 4 * cell;
  const size = qr.getModuleCount() * cell + 2 * margin;
  const pixels = new Uint8ClampedArray(size * size * 4).fill(255);
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      const row = Math.floor((y - margin) / cell);
      const col = Math.floor((x - margin) / cell);
      if (y >= margin && x >= margin && row < qr.getModuleCount() && col < qr.getModuleCount() && qr.isDark(row, col)) pixels.fill(0, (y * size + x) * 4, (y * size + x) * 4 + 3);
    }
  return jsQR(pixels, size, size)?.data ?? null;
}

describe('QR code sequence', () => {
  const bytes = (n: number) => Uint8Array.from({ length: n }, (_, i) => (i * 151 + 7) & 0xff);

  it('a package of a few kilobytes becomes a few codes that jsQR reads back, in any order, to the same bytes', () => {
    const pkg = bytes(2600);
    const codes = toQrSequence(pkg)!;
    expect(codes.length).toBeGreaterThan(1);
    expect(codes.length).toBeLessThanOrEqual(MAX_QR_CODES);
    const collector = new QrCollector();
    for (const code of [...codes].reverse()) {
      const read = drawAndRead(code);
      expect(read).toBe(code);
      expect(collector.complete()).toBeNull();
      collector.add(read!);
    }
    expect(collector.add(codes[0]!)).toEqual({ kind: 'duplicate', have: codes.length, total: codes.length });
    expect(collector.complete()).toEqual(pkg);
  }, 30_000);

  it('says when a package is too large for QR codes', () => {
    expect(toQrSequence(bytes(6000))).toBeNull();
  });

  it('never mixes two packages, and ignores codes that are not package codes', () => {
    const a = toQrSequence(bytes(1200))!;
    const b = toQrSequence(bytes(1200))!;
    const collector = new QrCollector();
    expect(collector.add(a[0]!).kind).toBe('added');
    expect(collector.add(b[1]!)).toEqual({ kind: 'other_set' });
    expect(collector.add('https://example.org')).toEqual({ kind: 'not_a_package_code' });
    expect(collector.add(KEY)).toEqual({ kind: 'not_a_package_code' });
    expect(collector.add('P1:3/2:ABCD:00')).toEqual({ kind: 'not_a_package_code' });
  });

  it('a service key fits one code that reads back exactly', () => {
    expect(drawAndRead(KEY)).toBe(KEY);
  });
});
