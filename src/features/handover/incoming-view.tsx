import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ACK_DECISIONS, type AckDecision } from '../../content/handover-package';
import type { CaseStore, IncomingReferral } from '../../storage';
import { acknowledge, saveBytes } from './actions';
import { PackageOutput } from './package-output';
import { ReferralView } from './referral-view';
import { dateFormat, refusalWords } from './words';

/** One referral received, with the decision and the acknowledgement that goes back to the sender. */
export function IncomingDetail({ store, referral: initial, onChanged }: { store: CaseStore; referral: IncomingReferral; onChanged?: (r: IncomingReferral) => void }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [referral, setReferral] = useState(initial);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [ack, setAck] = useState<{ file: Uint8Array<ArrayBuffer>; fileName: string } | null>(null);

  async function decide(decision: AckDecision) {
    setBusy(true);
    setProblem(null);
    try {
      const result = await acknowledge(store, referral, decision, note);
      setReferral(result.referral);
      setAck({ file: result.file, fileName: result.fileName });
      saveBytes(result.fileName, result.file);
      onChanged?.(result.referral);
    } catch (error) {
      setProblem(refusalWords(t, error, i18n.language));
    } finally {
      setBusy(false);
    }
  }

  const date = dateFormat(i18n.language, true);
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <ReferralView referral={referral} headingId={`${id}-title`} />
      <h3>{t('handover.incoming.decisionTitle')}</h3>
      <p data-testid="decision" data-decision={referral.decision?.decision ?? 'none'}>
        {referral.decision ? t('handover.incoming.decided', { decision: t(`handover.decision.${referral.decision.decision}`), date: date.format(referral.decision.at) }) : t('handover.incoming.undecided')}
      </p>
      <div className="field">
        <label htmlFor={`${id}-note`}>{t('handover.incoming.note')}</label>
        <input id={`${id}-note`} value={note} maxLength={500} autoComplete="off" spellCheck={false} autoCorrect="off" onChange={(e) => setNote(e.target.value)} />
      </div>
      <div className="actions">
        {ACK_DECISIONS.map((decision) => (
          <button key={decision} type="button" className={decision === 'accepted' ? 'button button--primary' : 'button button--secondary'} data-action={`ack-${decision}`} disabled={busy} onClick={() => void decide(decision)}>
            {t(`handover.incoming.do.${decision}`)}
          </button>
        ))}
      </div>
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
      {ack && (
        <>
          <p role="status">{t('handover.incoming.ackReady')}</p>
          <PackageOutput file={ack.file} fileName={ack.fileName} />
        </>
      )}
    </section>
  );
}

/** Referrals this service received, newest first. */
export function IncomingList({ store }: { store: CaseStore }) {
  const { t, i18n } = useTranslation();
  const [list, setList] = useState<IncomingReferral[] | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    store.handover().listIncoming().then(setList, (error: unknown) => setProblem(refusalWords(t, error, i18n.language)));
  }, [store, t, i18n.language]);
  if (problem) return <p className="error" role="alert">{problem}</p>;
  if (!list) return <p role="status">{t('interview.loading')}</p>;
  const date = dateFormat(i18n.language);
  const current = list.find((r) => r.id === open);
  if (current) {
    return (
      <>
        <button type="button" className="button button--secondary" onClick={() => setOpen(null)}>
          {t('handover.incoming.backToList')}
        </button>
        <IncomingDetail store={store} referral={current} onChanged={(r) => setList(list.map((x) => (x.id === r.id ? r : x)))} />
      </>
    );
  }
  if (list.length === 0) return <p>{t('handover.incoming.empty')}</p>;
  return (
    <ul className="case-list">
      {list.map((r) => (
        <li key={r.id} className="case" data-incoming={r.body.caseReference}>
          <div className="case__main">
            <strong>{r.body.caseReference}</strong>
            <span>{r.sender.knownAs ?? t('handover.incoming.unknownSenderShort')}</span>
            <span>{date.format(r.receivedAt)}</span>
            <span className="badge">{r.decision ? t(`handover.decision.${r.decision.decision}`) : t('handover.incoming.undecidedShort')}</span>
          </div>
          <div className="case__actions">
            <button type="button" className="button button--secondary" onClick={() => setOpen(r.id)} aria-label={t('handover.incoming.openLabel', { reference: r.body.caseReference })}>
              {t('handover.incoming.open')}
            </button>
          </div>
        </li>
      ))}
    </ul>
  );
}
