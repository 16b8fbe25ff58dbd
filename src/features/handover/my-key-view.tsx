import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { serialiseServiceKey } from '../../content/handover-package';
import type { CaseStore } from '../../storage';
import { downloadFile } from '../../components/download';
import { QrCode } from './qr-code';
import { refusalWords } from './words';

/**
 * This tablet's key, for services that will send it referrals: shown as a QR
 * code and saved as a small file, with the fingerprint they read back by phone.
 * Only the public half leaves the tablet.
 */
export function MyKeyView({ store }: { store: CaseStore }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [key, setKey] = useState<{ publicKey: string; fingerprint: string } | null>(null);
  const [label, setLabel] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    void Promise.all([store.handover().identity(), store.officer()]).then(
      ([identity, officer]) => {
        if (cancelled) return;
        setKey({ publicKey: identity.publicKey, fingerprint: identity.fingerprint });
        setLabel(officer?.service ?? '');
      },
      (error: unknown) => !cancelled && setProblem(refusalWords(t, error, i18n.language)),
    );
    return () => {
      cancelled = true;
    };
  }, [store, t, i18n.language]);

  if (problem) return <p className="error" role="alert">{problem}</p>;
  if (!key) return <p role="status">{t('handover.myKey.creating')}</p>;
  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('handover.myKey.title')}</h2>
      <p>{t('handover.myKey.intro')}</p>
      <p className="fingerprint-label">{t('handover.fingerprint')}</p>
      <p className="fingerprint" data-testid="my-fingerprint">
        <bdi dir="ltr">{key.fingerprint}</bdi>
      </p>
      <QrCode text={key.publicKey} label={t('handover.myKey.qrLabel')} />
      <div className="field">
        <label htmlFor={`${id}-label`}>{t('handover.myKey.label')}</label>
        <input id={`${id}-label`} value={label} maxLength={160} autoComplete="off" spellCheck={false} autoCorrect="off" onChange={(e) => setLabel(e.target.value)} />
      </div>
      <div className="actions">
        <button
          type="button"
          className="button button--primary"
          data-action="save-key"
          onClick={() => downloadFile('service-key.json', serialiseServiceKey({ publicKey: key.publicKey, label: label.trim() || null, fingerprint: key.fingerprint }))}
        >
          {t('handover.myKey.save')}
        </button>
      </div>
    </section>
  );
}
