/** An assessment as text for a person reading a terminal, in their language. */
import type { TFunction } from 'i18next';
import { ELEMENT_GROUPS, ILO_DIMENSIONS, type Assessment } from '../engine';
import { flagWords } from '../i18n/flag-words';
import { localArticle } from '../i18n/article';


export function formatAssessmentText(assessment: Assessment, t: TFunction, lang: string): string {
  const lines: string[] = [];
  const code = (c: string) => {
    const label = t(`code.${c}` as 'code.act', { defaultValue: c });
    const fact = assessment.facts[c];
    if (!fact) return `${label}: ${t('answer.not_asked')}`;
    const value = t(`report.tri.${fact.value}`);
    return fact.unknownReason ? `${label}: ${value} (${t(`answer.${fact.unknownReason}`)})` : `${label}: ${value}`;
  };
  lines.push(t('report.title'), t('report.disclaimer'), '');
  lines.push(`${t('report.outcome')}: ${t(`outcome.${assessment.outcome}.title`)}`);
  lines.push(`  ${t(`outcome.${assessment.outcome}.action`)}`);
  const value = t(`report.tri.${assessment.outcomeBasis.combination}`);
  lines.push(`  ${assessment.outcomeBasis.child ? t('report.combinationChild', { value }) : t('report.combination', { value })}`);
  const age = assessment.person.ageYears === null ? t('report.ageUnknown') : String(assessment.person.ageYears);
  lines.push(`  ${t('report.age')}: ${age}${assessment.person.treatedAsChild ? ` — ${t('report.treatedAsChild')}` : ''}`, '');

  lines.push(`${t('report.elements')}:`);
  for (const group of ELEMENT_GROUPS) {
    const reason = assessment.reasons.find((r) => r.element === group)!;
    lines.push(`  ${t(`element.${group}`)}: ${t(`status.${assessment.elements[group]}`)} (${t('report.article')} ${localArticle(reason.article, t, lang)})`);
    if (reason.codes.length > 0) lines.push(`    ${t('report.codes')}: ${reason.codes.map(code).join('; ')}`);
    if (reason.questions.length > 0) lines.push(`    ${t('report.questions')}: ${reason.questions.join(', ')}`);
  }
  lines.push('');

  lines.push(`${t('report.flags')}:${assessment.flags.length === 0 ? ` ${t('report.noFlags')}` : ''}`);
  for (const reason of assessment.flagReasons) {
    const { title, text } = flagWords(t, reason.flag, assessment.outcome);
    lines.push(`  • ${title} — ${text}`);
    if (reason.codes.length > 0) lines.push(`    ${t('report.codes')}: ${reason.codes.map(code).join('; ')}`);
    if (reason.questions.length > 0) lines.push(`    ${t('report.questions')}: ${reason.questions.join(', ')}`);
  }
  lines.push('');

  const ilo = assessment.indicators;
  lines.push(`${t('ilo.heading')}:`);
  if (!ilo.evaluated) {
    lines.push(`  ${t('ilo.notEvaluated')}`);
  } else {
    lines.push(`  ${t(`ilo.reading.${ilo.reading}`)} (${t(`ilo.list.${ilo.list}`)})`);
    for (const dimension of ILO_DIMENSIONS) {
      lines.push(`    ${t(`ilo.dimension.${dimension}`)}: ${t(`ilo.${ilo.dimensions[dimension]}`)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
