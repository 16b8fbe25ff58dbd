import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Service } from '../../content/directory';
import { QrCollector } from '../../content/qr-sequence';
import { ensureHandoverStrings } from '../../i18n/handover';
import type { CaseStore } from '../../storage';
import { loadDirectory, openArrived, readPackageFile, type OpenedResult } from './actions';
import { IncomingDetail, IncomingList } from './incoming-view';
import { MyKeyView } from './my-key-view';
import { QrScanner } from './qr-scanner';
import { ServiceKeysView } from './service-keys-view';
import { refusalWords } from './words';
import './handover.css';

export type HandoverView = 'receive' | 'incoming' | 'myKey' | 'serviceKeys';
const VIEWS: HandoverView[] = ['receive', 'incoming', 'myKey', 'serviceKeys'];

/** The hand-over between services: open a package, referrals received, this tablet's key, the keys of other services. */
export function HandoverScreen({ store, initialView = 'receive', onHome }: { store: CaseStore; initialView?: HandoverView; onHome: () => void }) {
  const { t, i18n } = useTranslation();
  ensureHandoverStrings(i18n);
  const [view, setView] = useState<HandoverView>(initialView);
  return (
    <div className="page page--wide handover" data-view={view}>
      <h1>{t('handover.title')}</h1>
      <p className="lead">{t('handover.intro')}</p>
      <nav className="tabs" aria-label={t('handover.sections')}>
        {VIEWS.map((v) => (
          <button key={v} type="button" className="button button--secondary tab" aria-current={view === v ? 'page' : undefined} data-action={`handover-${v}`} onClick={() => setView(v)}>
            {t(`handover.view.${v}`)}
          </button>
        ))}
      </nav>
      {view === 'receive' && <ReceiveView store={store} />}
      {view === 'incoming' && <IncomingList store={store} />}
      {view === 'myKey' && <MyKeyView store={store} />}
      {view === 'serviceKeys' && <ServiceKeysView store={store} />}
      <div className="actions">
        <button type="button" className="button button--secondary" onClick={onHome}>
          {t('result.home')}
        </button>
      </div>
    </div>
  );
}

/** Opens a package (a referral or an acknowledgement) from a file or from QR codes. Nothing is written unless every check passes. */
function ReceiveView({ store }: { store: CaseStore }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [directory, setDirectory] = useState<Service[] | null>(null);
  const [result, setResult] = useState<OpenedResult | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<string | null>(null);
  const collector = useRef(new QrCollector());

  useEffect(() => {
    loadDirectory(store).then(setDirectory, () => setDirectory([]));
  }, [store]);

  const openBytes = useCallback(
    async (read: () => Promise<Uint8Array<ArrayBuffer>>) => {
      setBusy(true);
      setProblem(null);
      setResult(null);
      try {
        setResult(await openArrived(store, await read(), directory ?? []));
      } catch (error) {
        setProblem(refusalWords(t, error, i18n.language));
      } finally {
        setBusy(false);
      }
    },
    [store, directory, t, i18n.language],
  );

  const onCode = (text: string): boolean => {
    const added = collector.current.add(text);
    if (added.kind === 'not_a_package_code') {
      setProgress(t('handover.scan.notPackage'));
      return false;
    }
    if (added.kind === 'other_set') {
      setProgress(t('handover.scan.otherSet'));
      return false;
    }
    setProgress(t('handover.scan.progress', { have: added.have, total: added.total }));
    const bytes = collector.current.complete();
    if (!bytes) return false;
    collector.current = new QrCollector();
    setProgress(null);
    void openBytes(async () => bytes);
    return true;
  };

  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('handover.receive.title')}</h2>
      <p>{t('handover.receive.intro')}</p>
      <div className="actions">
        <label className="button button--primary file-button">
          {t('handover.receive.openFile')}
          <input
            type="file"
            className="visually-hidden"
            data-action="open-package"
            disabled={busy || !directory}
            onChange={(e) => {
              const input = e.target;
              const file = input.files?.[0];
              if (file) void openBytes(() => readPackageFile(file)).finally(() => (input.value = ''));
            }}
          />
        </label>
      </div>
      <QrScanner onCode={onCode} progress={progress} />
      {busy && <p role="status">{t('handover.receive.checking')}</p>}
      {problem && (
        <p role="alert" className="error" data-testid="refusal">
          {problem}
        </p>
      )}
      {result?.kind === 'ack' && (
        <p role="status" className="notice" data-testid="ack-result" data-decision={result.decision}>
          {result.applied
            ? t('handover.receive.ackApplied', { reference: result.caseReference, service: result.serviceName, decision: t(`handover.decision.${result.decision}`) })
            : t('handover.receive.ackAlready', { reference: result.caseReference, service: result.serviceName })}
        </p>
      )}
      {result?.kind === 'referral' && (
        <>
          <p role="status" className="notice" data-testid="filed">
            {result.duplicate ? t('handover.receive.duplicate') : t('handover.receive.filed')}
          </p>
          <IncomingDetail key={result.referral.id} store={store} referral={result.referral} />
        </>
      )}
    </section>
  );
}
