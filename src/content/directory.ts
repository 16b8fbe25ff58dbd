/**
 * The directory of services: a starter list of the national actors of LEGAL.md §5,
 * which an organisation replaces or extends with its local services (import and
 * export as JSON). Referrals follow the directory, so an imported file is checked
 * strictly and its changes shown (diffDirectory) before anything is replaced; the
 * tablet keeps the directory sealed.
 */
import { z } from 'zod';
import type { Assessment } from '../engine';
import { checkWith, ImportError, NO_CONTROL, parseJsonFile, fieldName } from './import-check';

export const SERVICE_TYPES = ['hotline', 'prosecutor', 'court_cell', 'police', 'health', 'social', 'child_protection', 'shelter', 'ngo', 'iom', 'labour'] as const;
export type ServiceType = (typeof SERVICE_TYPES)[number];

/** A service's public key for the encrypted hand-over (src/crypto/handover.ts): `SK1.<agreement SPKI>.<signing SPKI>`. */
export const SERVICE_KEY_PATTERN = /^SK1\.[A-Za-z0-9_-]{122}\.[A-Za-z0-9_-]{122}$/;

/** A directory file is small: a national list and local services fit in far less. */
export const MAX_DIRECTORY_BYTES = 1_000_000;
export const MAX_SERVICES = 500;

const text = (min: number, max: number) => z.string().min(min).max(max).regex(NO_CONTROL);
const service = z.strictObject({
  id: z.string().max(80).regex(/^[a-z0-9-]+$/, 'use lower-case letters, digits and hyphens'),
  name: text(2, 160),
  type: z.enum(SERVICE_TYPES),
  region: text(2, 80),
  languages: z.array(z.enum(['ar', 'fr', 'en', 'ber', 'es'])).min(1).max(5),
  takes: z.array(z.enum(['women', 'men', 'children'])).min(1).max(3),
  contact: text(2, 200),
  notes: text(0, 300).optional(),
  /** The service's key for encrypted referrals, when it receives them with this app. */
  publicKey: z.string().regex(SERVICE_KEY_PATTERN, 'not a service key (SK1.…)').optional(),
  /** When an officer of this tablet read the key's fingerprint back to the service by phone. */
  keyVerifiedAt: z.number().int().min(0).max(4_102_444_800_000).optional(),
});
export type Service = z.infer<typeof service>;

const directoryFile = z.strictObject({
  format: z.literal('screening-448-1-directory'),
  version: z.literal(1),
  services: z.array(service).max(MAX_SERVICES),
});

export const STARTER_DIRECTORY: Service[] = [
  { id: 'cnclt-hotline', name: 'CNCLT — numéro vert traite des êtres humains', type: 'hotline', region: 'national', languages: ['ar', 'fr'], takes: ['women', 'men', 'children'], contact: '0800 00 47 47' },
  { id: 'prosecutor-appeal', name: "Ministère public — procureur général du Roi près la cour d’appel (magistrats référents traite)", type: 'prosecutor', region: 'national', languages: ['ar', 'fr'], takes: ['women', 'men', 'children'], contact: "Parquet général de la cour d’appel du ressort" },
  { id: 'court-cell', name: 'Cellule de prise en charge des femmes et des enfants victimes de violence (tribunal de première instance)', type: 'court_cell', region: 'national', languages: ['ar', 'fr'], takes: ['women', 'children'], contact: 'Tribunal de première instance du ressort' },
  { id: 'hospital-unit', name: "Unité hospitalière intégrée de prise en charge des femmes et enfants victimes de violence", type: 'health', region: 'national', languages: ['ar', 'fr'], takes: ['women', 'children'], contact: "Hôpital provincial ou régional (urgences)" },
  { id: 'police-emergency', name: 'DGSN — police secours / Gendarmerie royale', type: 'police', region: 'national', languages: ['ar', 'fr'], takes: ['women', 'men', 'children'], contact: '19 (police) · 177 (gendarmerie)' },
  { id: 'entraide-nationale', name: 'Entraide Nationale — établissements de protection sociale', type: 'social', region: 'national', languages: ['ar', 'fr'], takes: ['women', 'men', 'children'], contact: 'Délégation provinciale de l’Entraide Nationale' },
  { id: 'child-protection', name: "Protection de l’enfance — dispositifs territoriaux intégrés / services sociaux", type: 'child_protection', region: 'national', languages: ['ar', 'fr'], takes: ['children'], contact: 'Délégation du ministère de la Solidarité\u202f; juge des mineurs' },
  { id: 'ngo-shelter', name: "Centre d’hébergement d’une association (à compléter localement)", type: 'shelter', region: 'local', languages: ['ar', 'fr'], takes: ['women', 'children'], contact: 'À compléter par l’organisation' },
  { id: 'iom-morocco', name: 'OIM Maroc — aide au retour volontaire et à la réintégration', type: 'iom', region: 'national', languages: ['ar', 'fr', 'en'], takes: ['women', 'men', 'children'], contact: 'Bureau de l’OIM à Rabat' },
  { id: 'labour-inspection', name: 'Inspection du travail (délégation provinciale de l’emploi)', type: 'labour', region: 'national', languages: ['ar', 'fr'], takes: ['women', 'men'], contact: "Délégation provinciale de l’emploi" },
];

/** Reads a directory file; a wrong one is refused whole, naming the file, the service and the field. */
export function parseDirectory(text: string, file: string): Service[] {
  const { services } = checkWith(directoryFile, parseJsonFile(text, file, MAX_DIRECTORY_BYTES), file);
  const ids = new Set<string>();
  for (const [index, s] of services.entries()) {
    if (ids.has(s.id)) throw new ImportError(file, fieldName(['services', index, 'id']), 'duplicate');
    ids.add(s.id);
  }
  // A key is verified by a phone call from this tablet, never by a file's say-so: an imported key must be checked again.
  return services.map(({ keyVerifiedAt: _claimed, ...s }) => s);
}

export interface DirectoryChange {
  before: Service;
  after: Service;
  /** The fields that differ, in the order of the form. */
  fields: DirectoryField[];
}

export interface DirectoryDiff {
  added: Service[];
  changed: DirectoryChange[];
  removed: Service[];
}

/** What a directory file can change; a key's check by phone is this tablet's own and never comes from a file. */
const FIELDS = ['name', 'type', 'region', 'languages', 'takes', 'contact', 'notes', 'publicKey'] as const;
export type DirectoryField = (typeof FIELDS)[number];

/** What replacing `current` by `next` changes, service by service (matched by id). */
export function diffDirectory(current: Service[], next: Service[]): DirectoryDiff {
  const before = new Map(current.map((s) => [s.id, s]));
  const after = new Map(next.map((s) => [s.id, s]));
  const changed: DirectoryChange[] = [];
  for (const s of next) {
    const old = before.get(s.id);
    if (!old) continue;
    const fields = FIELDS.filter((f) => JSON.stringify(old[f] ?? null) !== JSON.stringify(s[f] ?? null));
    if (fields.length > 0) changed.push({ before: old, after: s, fields });
  }
  return { added: next.filter((s) => !before.has(s.id)), changed, removed: current.filter((s) => !after.has(s.id)) };
}

export function serialiseDirectory(services: Service[]): string {
  return JSON.stringify({ format: 'screening-448-1-directory', version: 1, services }, null, 2);
}

/** A service typed on this tablet; a refusal names the field (ImportError with no file). */
export function validateService(candidate: unknown): Service {
  return checkWith(service, candidate, '');
}

/**
 * Services in the order this assessment needs them: urgent needs first (health,
 * police, shelter), a child to child protection, a presumed or possible victim to
 * the prosecutor and the court cell, labour exploitation to the labour
 * inspection, a foreign national wishing to return to IOM.
 */
export function recommendServices(services: Service[], assessment: Assessment): Service[] {
  const flags = new Set(assessment.flags);
  const needs = new Set(assessment.flagReasons.find((r) => r.flag === 'urgent_needs')?.codes ?? []);
  const order: ServiceType[] = [];
  if (needs.has('context.needs_medical')) order.push('health');
  if (needs.has('context.needs_safety')) order.push('police', 'hotline');
  if (flags.has('child')) order.push('child_protection');
  if (needs.has('context.needs_shelter')) order.push('shelter', 'social');
  if (assessment.outcome === 'presumed_victim' || assessment.outcome === 'possible_victim') order.push('prosecutor', 'court_cell', 'hotline', 'shelter', 'ngo', 'social');
  if (flags.has('labour_exploitation')) order.push('labour');
  if (flags.has('smuggling')) order.push('iom');
  const ranked = [...new Set(order)];
  const child = flags.has('child');
  return services
    .filter((s) => ranked.includes(s.type) && (!child || s.takes.includes('children')))
    .sort((a, b) => ranked.indexOf(a.type) - ranked.indexOf(b.type));
}
