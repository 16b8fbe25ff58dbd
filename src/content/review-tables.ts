/**
 * Tables for a lawyer reviewing the legal reading (LEGAL.md §9.12): which answers
 * feed which fact, in every questionnaire version, and which facts feed which
 * element and para-4 effect. Generated from the questionnaires and the engine's
 * own tables, so the review reads what the app runs.
 */
import {
  AGGRAVATING_CODES,
  ARTICLE_OF,
  CODES_BY_GROUP,
  CONTEXT_CODES,
  ELEMENT_GROUPS,
  OTHER_OFFENCE_RULES,
  THRESHOLD_FEEDERS,
  type FactCode,
  type LoadedQuestion,
  type Questionnaire,
} from '../engine';

interface Link {
  question: string;
  answer: string;
  value: 'yes' | 'no';
  overall: boolean;
}

/** Every answer of a questionnaire that sets a fact, by fact. */
export function linksByFact(questionnaire: Questionnaire): Map<FactCode, Link[]> {
  const links = new Map<FactCode, Link[]>();
  const add = (q: LoadedQuestion, answer: string, effect: Partial<Record<FactCode, 'yes' | 'no'>> | undefined) => {
    for (const [code, value] of Object.entries(effect ?? {}) as [FactCode, 'yes' | 'no'][]) {
      const list = links.get(code) ?? [];
      list.push({ question: q.id, answer, value, overall: q.overall === true });
      links.set(code, list);
    }
  };
  for (const q of questionnaire.questions) {
    if (q.type === 'yes_no') {
      add(q, 'yes', q.sets?.yes);
      add(q, 'no', q.sets?.no);
    } else if (q.type === 'single' || q.type === 'multiple') {
      for (const o of q.options) add(q, o.value, o.sets);
      // A list read out in full: an option not chosen rules out what it would have set.
      if (q.type === 'multiple' && q.exhaustive) {
        for (const o of q.options) for (const [code, value] of Object.entries(o.sets ?? {}) as [FactCode, string][]) if (value === 'yes') add(q, `not "${o.value}"`, { [code]: 'no' });
      }
    }
  }
  return links;
}

const cell = (links: Link[] | undefined, value: 'yes' | 'no') =>
  (links ?? [])
    .filter((l) => l.value === value)
    .map((l) => `${l.question}=${l.answer}${l.overall ? ' (overall)' : ''}`)
    .join('<br>') || '—';

/** Markdown: for each fact, the answers that make it yes and no, one column pair per version. */
export function answerLinksTable(questionnaires: readonly Questionnaire[]): string {
  const byVersion = questionnaires.map((q) => ({ q, links: linksByFact(q) }));
  const codes: FactCode[] = [...ELEMENT_GROUPS.flatMap((g) => CODES_BY_GROUP[g]), ...CONTEXT_CODES, ...AGGRAVATING_CODES];
  const head = ['fact', ...byVersion.flatMap(({ q }) => [`v${q.version}: yes from`, `v${q.version}: no from`])];
  const lines = [
    '## Which answers feed which fact',
    '',
    'A fact is yes when any answer behind it is yes, no only when an answer is no and none is yes (LEGAL.md §3.1). "(overall)": the question asks about the fact as a whole; only its "no" beside a concrete "yes" is listed as a point to clarify. "—": no answer of that version sets it.',
    '',
    `| ${head.join(' | ')} |`,
    `| ${head.map(() => '---').join(' | ')} |`,
  ];
  for (const code of codes) {
    const cells = byVersion.flatMap(({ q, links }) => (q.codesNotAsked.includes(code) ? ['not asked in this version', '—'] : [cell(links.get(code), 'yes'), cell(links.get(code), 'no')]));
    lines.push(`| \`${code}\` | ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}

/** Markdown: which facts feed which element and para-4 effect, and what points to other offences. */
export function factLinksTable(): string {
  const lines = [
    '## Which facts feed which element and para-4 effect',
    '',
    '| element | article | facts (any yes indicates it; all no rule it out) |',
    '| --- | --- | --- |',
  ];
  for (const group of ELEMENT_GROUPS) {
    lines.push(`| ${group} | ${ARTICLE_OF[group]} | ${CODES_BY_GROUP[group].map((c) => `\`${c}\``).join(', ')} |`);
  }
  lines.push(
    '',
    'Paragraph 4 needs its three effects ("et"). Besides the answers linked to it directly, each effect is yes when one of these facts is yes (LEGAL.md §3.2); intercepted before the exploitation began (`context.exploitation_not_started`), an effect ruled out is read as unknown.',
    '',
    '| para-4 effect | also yes when |',
    '| --- | --- |',
  );
  for (const [effect, feeders] of Object.entries(THRESHOLD_FEEDERS)) lines.push(`| \`${effect}\` | ${feeders.map((c) => `\`${c}\``).join(', ')} |`);
  lines.push('', 'Facts that point to other offences (flag `other_offences` short of trafficking; in the element table beside a victim):', '', '| other offence | facts | text |', '| --- | --- | --- |');
  for (const rule of OTHER_OFFENCE_RULES) lines.push(`| ${rule.offence}${rule.childOnly ? ' (a child)' : ''} | ${rule.codes.map((c) => `\`${c}\``).join(', ')} | ${rule.article} |`);
  return lines.join('\n');
}
