import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toQrSequence } from '../../content/qr-sequence';
import { QrCode } from './qr-code';
import { saveBytes } from './actions';

/**
 * A package ready to go: the file (saved again on demand) and, when it is
 * small enough, the same package as a sequence of QR codes shown one at a time.
 */
export function PackageOutput({ file, fileName }: { file: Uint8Array<ArrayBuffer>; fileName: string }) {
  const { t } = useTranslation();
  const codes = useMemo(() => toQrSequence(file), [file]);
  const [index, setIndex] = useState(0);
  return (
    <div className="package-output" data-testid="package-output">
      <div className="actions">
        <button type="button" className="button button--primary" data-action="save-package" onClick={() => saveBytes(fileName, file)}>
          {t('handover.output.save')}
        </button>
      </div>
      <p>{t('handover.output.howToSend', { name: fileName })}</p>
      {codes ? (
        <section aria-label={t('handover.output.qrTitle')}>
          <h3>{t('handover.output.qrTitle')}</h3>
          <p>{t('handover.output.qrIntro', { total: codes.length })}</p>
          <QrCode text={codes[index]!} label={t('handover.output.qrLabel', { n: index + 1, total: codes.length })} />
          <p className="qr-position" aria-live="polite">
            {t('handover.output.qrLabel', { n: index + 1, total: codes.length })}
          </p>
          {codes.length > 1 && (
            <div className="actions">
              <button type="button" className="button button--secondary" disabled={index === 0} onClick={() => setIndex(index - 1)}>
                {t('handover.output.previous')}
              </button>
              <button type="button" className="button button--secondary" data-action="next-code" disabled={index === codes.length - 1} onClick={() => setIndex(index + 1)}>
                {t('handover.output.next')}
              </button>
            </div>
          )}
        </section>
      ) : (
        <p className="notice" data-testid="too-large-for-qr">
          {t('handover.output.tooLargeForQr')}
        </p>
      )}
    </div>
  );
}
