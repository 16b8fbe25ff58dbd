import { useTranslation } from 'react-i18next';
import { ELEMENT_GROUPS } from '../../engine';
import type { ReferralBody } from '../../content/handover-package';
import type { IncomingReferral } from '../../storage';
import { localArticle } from '../../i18n/article';
import { flagWords } from '../../i18n/flag-words';
import { dateFormat } from './words';

/** A referral received, as the receiving service reads it: who sent it (checked), then what it says. */
export function ReferralView({ referral, headingId }: { referral: IncomingReferral; headingId: string }) {
  const { t, i18n } = useTranslation();
  const body: ReferralBody = referral.body;
  const x = body.htcds.x_art4481;
  const date = dateFormat(i18n.language);
  const codeName = (code: string) => (i18n.exists(`code.${code}`) ? t(`code.${code}` as 'code.act.recruit') : code);
  return (
    <article className="referral" data-package={referral.packageId}>
      <h2 id={headingId}>{t('handover.referral.title', { reference: body.caseReference })}</h2>
      {referral.sender.knownAs ? (
        <p className="sender sender--known" data-testid="sender">
          {t('handover.referral.knownSender', { name: referral.sender.knownAs })}
        </p>
      ) : (
        <p className="notice sender" data-testid="sender">
          {t('handover.referral.unknownSender', { fingerprint: referral.sender.fingerprint })}
        </p>
      )}
      <dl className="referral__facts">
        <dt>{t('handover.referral.from')}</dt>
        <dd>{[body.from.officer, body.from.service].filter(Boolean).join(' — ') || '—'}</dd>
        <dt>{t('handover.referral.sentAt')}</dt>
        <dd>{date.format(body.sentAt)}</dd>
        <dt>{t('handover.referral.expires')}</dt>
        <dd>{date.format(referral.expiresAt)}</dd>
        <dt>{t('handover.referral.basisTitle')}</dt>
        <dd>{t(`handover.send.basis.${body.basis}`)}</dd>
        <dt>{t('handover.referral.interview')}</dt>
        <dd>
          {[date.format(body.interview.at), body.interview.place, body.interview.interpreter ? t(`handover.referral.interpreter.${body.interview.interpreter}`) : null].filter(Boolean).join(' — ')}
        </dd>
      </dl>
      <h3>{t('report.outcome')}</h3>
      <p className="referral__outcome" data-outcome={x.outcome}>
        <strong>{t(`outcome.${x.outcome}.title`)}</strong>
        {x.treatedAsChild && <span className="badge">{t('flag.child.title')}</span>}
      </p>
      <p className="muted">{t('report.disclaimer')}</p>
      <table className="element-table">
        <thead>
          <tr>
            <th scope="col">{t('result.element')}</th>
            <th scope="col">{t('result.status')}</th>
            <th scope="col">{t('result.because')}</th>
            <th scope="col">{t('evidence.legalBasis')}</th>
          </tr>
        </thead>
        <tbody>
          {ELEMENT_GROUPS.map((group) => {
            const reason = x.reasons.find((r) => r.element === group);
            const status = reason?.status ?? x.elements[group];
            return (
              <tr key={group} data-element={group}>
                <th scope="row">{t(`element.${group}`)}</th>
                <td className={`status status--${status}`}>{t(`status.${status}`)}</td>
                <td>{reason && reason.codes.length > 0 ? reason.codes.map(codeName).join(', ') : '—'}</td>
                <td>{reason ? localArticle(reason.article, t, i18n.language) : '—'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <h3>{t('report.flags')}</h3>
      {x.flags.length === 0 ? (
        <p>{t('report.noFlags')}</p>
      ) : (
        <ul className="plain-list">
          {x.flags.map((f) => {
            const words = flagWords(t, f, x.outcome);
            return (
              <li key={f}>
                <strong>{words.title}</strong> — {words.text}
              </li>
            );
          })}
        </ul>
      )}
      <h3>{t('handover.referral.htcdsTitle')}</h3>
      <dl className="referral__facts" dir="ltr">
        <dt>vic_MethodsOfControl</dt>
        <dd>{body.htcds.vic_MethodsOfControl.join(', ') || '—'}</dd>
        <dt>vic_TypeOfExploitation</dt>
        <dd>{body.htcds.vic_TypeOfExploitation.join(', ') || '—'}</dd>
        <dt>con_Consent</dt>
        <dd>{String(body.htcds.con_Consent)}</dd>
      </dl>
      <h3>{t('summary.notesTitle')}</h3>
      {body.notes.length === 0 ? (
        <p className="muted">{t('handover.referral.noNotes')}</p>
      ) : (
        <ul className="plain-list referral__notes">
          {body.notes.map((n, i) => (
            <li key={i}>{n.text}</li>
          ))}
        </ul>
      )}
    </article>
  );
}
