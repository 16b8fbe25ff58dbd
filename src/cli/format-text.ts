/** An assessment as text for a person reading a terminal, in their language. */
import type { TFunction } from 'i18next';
import { ELEMENT_GROUPS, type Assessment } from '../engine';
import { flagWords } from '../i18n/flag-words';
import { localArticle } from '../i18n/article';
import { iloWords } from '../i18n/ilo-words';

export function formatAssessmentText(assessment: Assessment, t: TFunction, lang: string): string {
  const lines: string[] = [];
  // "Label : value" in French (narrow no-break space), "Label: value" in Arabic and English.
  const pair = (label: string, value: string) => t('report.labelValue', { label, value });
  const heading = (label: string) => pair(label, '').trimEnd();
  const code = (c: string) => {
    const label = t(`code.${c}` as 'code.act', { defaultValue: c });
    const fact = assessment.facts[c];
    if (!fact) return pair(label, t('answer.not_asked'));
    const value = t(`report.tri.${fact.value}`);
    return pair(label, fact.unknownReason ? `${value} (${t(`answer.${fact.unknownReason}`)})` : value);
  };
  lines.push(t('report.title'), t('report.disclaimer'), '');
  lines.push(pair(t('report.outcome'), t(`outcome.${assessment.outcome}.title`)));
  lines.push(`  ${t(`outcome.${assessment.outcome}.action`)}`);
  const value = t(`report.tri.${assessment.outcomeBasis.combination}`);
  lines.push(`  ${assessment.outcomeBasis.child ? t('report.combinationChild', { value }) : t('report.combination', { value })}`);
  const age = assessment.person.ageYears === null ? t('report.ageUnknown') : String(assessment.person.ageYears);
  lines.push(`  ${pair(t('report.age'), `${age}${assessment.person.treatedAsChild ? ` — ${t('report.treatedAsChild')}` : ''}`)}`);
  if (assessment.person.childAtEvents) lines.push(`  ${t('report.childAtEvents')}`);
  lines.push('');

  lines.push(heading(t('report.elements')));
  for (const group of ELEMENT_GROUPS) {
    const reason = assessment.reasons.find((r) => r.element === group)!;
    lines.push(`  ${pair(t(`element.${group}`), t(`status.${assessment.elements[group]}`))} (${localArticle(reason.article, t, lang)})`);
    if (reason.codes.length > 0) lines.push(`    ${pair(t('report.codes'), reason.codes.map(code).join(t('article.separator')))}`);
    if (reason.questions.length > 0) lines.push(`    ${pair(t('report.questions'), reason.questions.join(', '))}`);
  }
  lines.push('');

  lines.push(assessment.flags.length === 0 ? pair(t('report.flags'), t('report.noFlags')) : heading(t('report.flags')));
  for (const reason of assessment.flagReasons) {
    const { title, text } = flagWords(t, reason, assessment.outcome);
    lines.push(`  • ${title} — ${text}`);
    if (reason.codes.length > 0) lines.push(`    ${pair(t('report.codes'), reason.codes.map(code).join(t('article.separator')))}`);
    if (reason.questions.length > 0) lines.push(`    ${pair(t('report.questions'), reason.questions.join(', '))}`);
  }
  lines.push('');

  // Beside a victim, what the facts also point to is listed here rather than as a flag (LEGAL.md §3.5).
  if (!assessment.flags.includes('other_offences') && assessment.otherOffences.length > 0) {
    lines.push(`${t('report.otherOffencesBeside')}:`);
    for (const offence of assessment.otherOffences) lines.push(`  • ${t(`offence.${offence.offence}`)} — ${t('report.questions')}: ${offence.questions.join(', ') || offence.codes.join(', ')}`);
    lines.push('');
  }

  if (assessment.contradictions.length > 0) {
    lines.push(`${t('report.contradictions')}:`, `  ${t('report.contradictionsNote')}`);
    for (const c of assessment.contradictions) {
      lines.push(`  • ${t(`code.${c.fact}` as 'code.act')}: ${c.for.join(', ')} ${t('report.contradictionFor')}; ${c.against.join(', ')} ${t('report.contradictionAgainst')}`);
    }
    lines.push('');
  }

  const ilo = iloWords(t, assessment.indicators);
  lines.push(heading(t('ilo.heading')));
  lines.push(`  ${ilo.reading}`);
  if (ilo.partial) lines.push(`  ${ilo.partial}`);
  for (const d of ilo.dimensions) lines.push(`    ${pair(d.label, d.word)}`);
  return `${lines.join('\n')}\n`;
}
