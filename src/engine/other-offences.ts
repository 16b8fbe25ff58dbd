/**
 * Facts that point to offences other than trafficking (LEGAL.md §3.5, flag
 * `other_offences`). Short of trafficking they are a flag listing each; beside a
 * presumed or possible victim they are shown in the element table instead.
 * Articles are as LEGAL.md gives them; "[src]" marks a secondary source and
 * "to verify" one that LEGAL.md has not checked against the Bulletin officiel.
 */
import type { FactCode } from './codes';
import type { OtherOffence } from './model';

export interface OtherOffenceRule {
  offence: OtherOffence;
  /** Any of these facts yes points to the offence. */
  codes: readonly FactCode[];
  /** Only for a person treated as a child now. */
  childOnly?: boolean;
  article: string;
}

export const OTHER_OFFENCE_RULES: readonly OtherOffenceRule[] = [
  { offence: 'violence', codes: ['means.force', 'aggravating.violence'], article: 'Code pénal' },
  // Art. 436 covers abduction, arrest, detention and sequestration without lawful order.
  { offence: 'sequestration', codes: ['means.abduction', 'aggravating.violence'], article: 'Code pénal art. 436 [src]' },
  { offence: 'weapon', codes: ['aggravating.weapon'], article: 'Code pénal' },
  { offence: 'procuring', codes: ['purpose.prostitution', 'purpose.pornography', 'purpose.sexual_other'], article: 'Code pénal art. 498 ss. [src, to verify]' },
  { offence: 'organ_removal', codes: ['purpose.organs'], article: 'Loi 16-98 [src]' },
  // The questionnaire records a forced marriage as a practice similar to slavery.
  { offence: 'forced_marriage_or_slavery', codes: ['purpose.slavery'], article: 'Loi 103-13 [src]' },
  { offence: 'extortion', codes: ['context.ransom_or_extortion'], article: 'Code pénal' },
  // A child alone, in danger, hurt, without a safe place or in exploitative work is a child in danger [design].
  {
    offence: 'child_in_danger',
    codes: [
      'context.unaccompanied_child',
      'context.needs_safety',
      'context.needs_shelter',
      'context.needs_medical',
      'context.exploitative_conditions',
      'means.force',
      'aggravating.violence',
    ],
    childOnly: true,
    article: 'Protection de l’enfance',
  },
];
