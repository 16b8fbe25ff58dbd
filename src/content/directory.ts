/**
 * The directory of services: a starter list of the national actors of LEGAL.md §5,
 * which an organisation replaces or extends with its local services (import and
 * export as JSON). Service data is not about any person and is kept in clear.
 */
import { z } from 'zod';
import { InputError, type Assessment } from '../engine';

export const SERVICE_TYPES = ['hotline', 'prosecutor', 'court_cell', 'police', 'health', 'social', 'child_protection', 'shelter', 'ngo', 'iom', 'labour'] as const;
export type ServiceType = (typeof SERVICE_TYPES)[number];

/** A service's public key for the encrypted hand-over (src/crypto/handover.ts): `SK1.<agreement SPKI>.<signing SPKI>`. */
export const SERVICE_KEY_PATTERN = /^SK1\.[A-Za-z0-9_-]{122}\.[A-Za-z0-9_-]{122}$/;

const service = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/, 'use lower-case letters, digits and hyphens'),
  name: z.string().min(2).max(160),
  type: z.enum(SERVICE_TYPES),
  region: z.string().min(2).max(80),
  languages: z.array(z.enum(['ar', 'fr', 'en', 'ber', 'es'])).min(1),
  takes: z.array(z.enum(['women', 'men', 'children'])).min(1),
  contact: z.string().min(2).max(200),
  notes: z.string().max(300).optional(),
  /** The service's key for encrypted referrals, when it receives them with this app. */
  publicKey: z.string().regex(SERVICE_KEY_PATTERN, 'not a service key (SK1.…)').optional(),
  /** When an officer of this tablet read the key's fingerprint back to the service by phone. */
  keyVerifiedAt: z.number().int().min(0).max(4_102_444_800_000).optional(),
});
export type Service = z.infer<typeof service>;

const directoryFile = z.strictObject({
  format: z.literal('screening-448-1-directory'),
  version: z.literal(1),
  services: z.array(service),
});

export const STARTER_DIRECTORY: Service[] = [
  { id: 'cnclt-hotline', name: 'CNCLT — numéro vert traite des êtres humains', type: 'hotline', region: 'national', languages: ['ar', 'fr'], takes: ['women', 'men', 'children'], contact: '0800 00 47 47' },
  { id: 'prosecutor-appeal', name: "Ministère public — procureur général du Roi près la cour d'appel (magistrats référents traite)", type: 'prosecutor', region: 'national', languages: ['ar', 'fr'], takes: ['women', 'men', 'children'], contact: "Parquet général de la cour d'appel du ressort" },
  { id: 'court-cell', name: 'Cellule de prise en charge des femmes et des enfants victimes de violence (tribunal de première instance)', type: 'court_cell', region: 'national', languages: ['ar', 'fr'], takes: ['women', 'children'], contact: 'Tribunal de première instance du ressort' },
  { id: 'hospital-unit', name: "Unité hospitalière intégrée de prise en charge des femmes et enfants victimes de violence", type: 'health', region: 'national', languages: ['ar', 'fr'], takes: ['women', 'children'], contact: "Hôpital provincial ou régional (urgences)" },
  { id: 'police-emergency', name: 'DGSN — police secours / Gendarmerie royale', type: 'police', region: 'national', languages: ['ar', 'fr'], takes: ['women', 'men', 'children'], contact: '19 (police) · 177 (gendarmerie)' },
  { id: 'entraide-nationale', name: 'Entraide Nationale — établissements de protection sociale', type: 'social', region: 'national', languages: ['ar', 'fr'], takes: ['women', 'men', 'children'], contact: 'Délégation provinciale de l’Entraide Nationale' },
  { id: 'child-protection', name: "Protection de l'enfance — dispositifs territoriaux intégrés / services sociaux", type: 'child_protection', region: 'national', languages: ['ar', 'fr'], takes: ['children'], contact: 'Délégation du ministère de la Solidarité\u202f; juge des mineurs' },
  { id: 'ngo-shelter', name: "Centre d'hébergement d'une association (à compléter localement)", type: 'shelter', region: 'local', languages: ['ar', 'fr'], takes: ['women', 'children'], contact: 'À compléter par l’organisation' },
  { id: 'iom-morocco', name: 'OIM Maroc — aide au retour volontaire et à la réintégration', type: 'iom', region: 'national', languages: ['ar', 'fr', 'en'], takes: ['women', 'men', 'children'], contact: 'Bureau de l’OIM à Rabat' },
  { id: 'labour-inspection', name: 'Inspection du travail (délégation provinciale de l’emploi)', type: 'labour', region: 'national', languages: ['ar', 'fr'], takes: ['women', 'men'], contact: "Délégation provinciale de l'emploi" },
];

export function parseDirectory(text: string, file: string): Service[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new InputError('not valid JSON', [file]);
  }
  const parsed = directoryFile.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const [, index, field] = issue.path;
    const where = issue.path[0] === 'services' && typeof index === 'number' ? [`service ${index + 1}${field ? `, field "${String(field)}"` : ''}`] : [`field "${issue.path.join('.') || 'format'}"`];
    throw new InputError(issue.message, [file, ...where]);
  }
  const ids = new Set<string>();
  for (const s of parsed.data.services) {
    if (ids.has(s.id)) throw new InputError(`service id "${s.id}" appears twice`, [file]);
    ids.add(s.id);
  }
  // A key is verified by a phone call from this tablet, never by a file's say-so: an imported key must be checked again.
  return parsed.data.services.map(({ keyVerifiedAt: _claimed, ...s }) => s);
}

export function serialiseDirectory(services: Service[]): string {
  return JSON.stringify({ format: 'screening-448-1-directory', version: 1, services }, null, 2);
}

export function validateService(candidate: unknown): Service {
  const parsed = service.safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InputError(issue.message, [`field "${issue.path.join('.')}"`]);
  }
  return parsed.data;
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
