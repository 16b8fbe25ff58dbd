import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * What quick-hide shows: a plain, uninteresting page. Nothing on it says what the
 * app is for; the session behind it is already locked.
 */
export function NeutralPage({ onReveal }: { onReveal: () => void }) {
  const { t } = useTranslation();
  useEffect(() => {
    const previous = document.title;
    document.title = t('neutral.title');
    return () => {
      document.title = previous;
    };
  }, [t]);
  return (
    <div className="neutral">
      <h1>{t('neutral.title')}</h1>
      <p>{t('neutral.empty')}</p>
      <button type="button" className="neutral__open" onClick={onReveal}>
        {t('neutral.open')}
      </button>
    </div>
  );
}
