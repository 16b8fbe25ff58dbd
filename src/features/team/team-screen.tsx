import { useEffect, useId, useState, type FormEvent } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ConfirmButton } from '../../components/confirm-button';
import { downloadFile } from '../../components/download';
import { FileButton } from '../../components/file-button';
import { OutcomeMessages } from '../../components/outcome-messages';
import { checkServer, EnrolmentError, serverOrigin, type ServerAccount, type TeamController } from '../../storage/sync/team';

interface Props {
  team: TeamController;
  /** The words of the sync badge, from the app (it owns the status). */
  statusText: string | null;
  onHome: () => void;
}

/** Largest enrolment file shown as a QR code: beyond it a code is too dense for a tablet camera. */
const QR_MAX_CHARACTERS = 1_200;

/** A team: create one or join one; in one, its state, enrolling tablets, changing the key, leaving. */
export function TeamScreen({ team, statusText, onHome }: Props) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [message, setMessage] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const settings = team.settings;

  async function run(work: () => Promise<string | null>) {
    setBusy(true);
    setProblem(null);
    setMessage(null);
    try {
      setMessage(await work());
    } catch (error) {
      setProblem(error instanceof EnrolmentError ? t(`team.errors.${error.code}` as 'team.errors.damaged') : t('team.errors.failed', { reason: error instanceof Error ? error.message : String(error) }));
    } finally {
      setBusy(false);
    }
  }

  const date = new Intl.DateTimeFormat(i18n.language === 'ar' ? 'ar-MA' : i18n.language, { dateStyle: 'short', timeStyle: 'short' });

  return (
    <div className="page" aria-busy={busy}>
      <h1>{t('team.title')}</h1>
      <p>{t('team.intro')}</p>
      {team.allowedOrigins.length === 0 ? (
        <p className="notice" data-testid="team-not-configured">
          {t('team.notConfigured')}
        </p>
      ) : (
        <p className="muted">
          {t('team.allowedServers', { origins: team.allowedOrigins.join(', ') })}
        </p>
      )}
      <OutcomeMessages message={message} problem={problem} />

      {settings ? (
        <>
          <section className="card" aria-labelledby={`${id}-status`}>
            <h2 id={`${id}-status`}>{t('team.statusTitle')}</h2>
            <ul className="plain-list">
              <li>{t('team.teamName', { name: settings.name })}</li>
              <li>{t(settings.role === 'coordinator' ? 'team.roleCoordinator' : 'team.roleMember')}</li>
              <li>
                <bdi dir="ltr">{t('team.server', { url: settings.server.url, database: settings.server.database, username: settings.server.username })}</bdi>
              </li>
              {statusText && <li data-testid="team-status">{statusText}</li>}
              <li>{t('team.lastSynced', { when: team.status?.lastSynced ? date.format(team.status.lastSynced) : t('team.never') })}</li>
              {!!team.status?.unreadable && <li className="error">{t('team.unreadable', { count: team.status.unreadable })}</li>}
            </ul>
          </section>
          {settings.role === 'coordinator' && <EnrolForm team={team} busy={busy} run={run} />}
          {settings.role === 'coordinator' && (
            <section className="card" aria-labelledby={`${id}-rotate`}>
              <h2 id={`${id}-rotate`}>{t('team.rotateTitle')}</h2>
              <p>{t('team.rotateIntro')}</p>
              <ConfirmButton label={t('team.rotate')} question={t('team.rotateConfirm')} yes={t('team.yes')} no={t('team.no')} onConfirm={() => run(async () => (await team.rotate(), t('team.rotated')))} />
            </section>
          )}
          {settings.role === 'member' && <JoinForm team={team} busy={busy} run={run} title={t('team.rejoinTitle')} intro={t('team.rejoinIntro')} />}
          <section className="card card--danger" aria-labelledby={`${id}-leave`}>
            <h2 id={`${id}-leave`}>{t('team.leaveTitle')}</h2>
            <p>{t('team.leaveIntro')}</p>
            <ConfirmButton label={t('team.leave')} question={t('team.leaveConfirm')} yes={t('team.yes')} no={t('team.no')} onConfirm={() => run(async () => t('team.left', { count: (await team.leave()).erased }))} />
          </section>
        </>
      ) : (
        team.allowedOrigins.length > 0 && (
          <>
            <CreateForm team={team} busy={busy} run={run} />
            <JoinForm team={team} busy={busy} run={run} title={t('team.joinTitle')} intro={t('team.joinIntro')} />
          </>
        )
      )}

      <div className="actions">
        <button type="button" className="button button--secondary" onClick={onHome}>
          {t('result.home')}
        </button>
      </div>
    </div>
  );
}

type Run = (work: () => Promise<string | null>) => Promise<void>;

function serverProblem(t: TFunction, server: ServerAccount, allowed: string[]): string | null {
  const problem = checkServer(server);
  if (problem) return t(`team.errors.${problem}` as 'team.errors.url');
  const origin = serverOrigin(server);
  return allowed.includes(origin) ? null : t('team.errors.notAllowed', { origin, allowed: allowed.join(', ') });
}

function CreateForm({ team, busy, run }: { team: TeamController; busy: boolean; run: Run }) {
  const { t } = useTranslation();
  const id = useId();
  const [name, setName] = useState('');
  const [server, setServer] = useState<ServerAccount>({ url: team.allowedOrigins[0] ?? 'https://', database: '', username: '', password: '' });

  function submit(event: FormEvent) {
    event.preventDefault();
    void run(async () => {
      const problem = serverProblem(t, server, team.allowedOrigins);
      if (problem) throw new Error(problem);
      await team.create({ name: name.trim() || server.database, server });
      return t('team.created');
    });
  }

  const field = (key: keyof ServerAccount, type = 'text') => (
    <>
      <label htmlFor={`${id}-${key}`}>{t(`team.${key === 'url' ? 'serverUrl' : key}` as 'team.database')}</label>
      <input id={`${id}-${key}`} type={type} dir="ltr" autoComplete="off" autoCorrect="off" autoCapitalize="off" spellCheck={false} value={server[key]} onChange={(e) => setServer({ ...server, [key]: e.target.value })} required />
    </>
  );

  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('team.createTitle')}</h2>
      <p>{t('team.createIntro')}</p>
      <form className="form" onSubmit={submit} data-testid="team-create">
        <label htmlFor={`${id}-name`}>{t('team.name')}</label>
        <input id={`${id}-name`} autoComplete="off" autoCorrect="off" spellCheck={false} value={name} onChange={(e) => setName(e.target.value)} maxLength={80} />
        {field('url', 'url')}
        {field('database')}
        {field('username')}
        {field('password', 'password')}
        <button type="submit" className="button button--primary" disabled={busy}>
          {t('team.create')}
        </button>
      </form>
    </section>
  );
}

function JoinForm({ team, busy, run, title, intro }: { team: TeamController; busy: boolean; run: Run; title: string; intro: string }) {
  const { t } = useTranslation();
  const id = useId();
  const [file, setFile] = useState<File | null>(null);
  const [passphrase, setPassphrase] = useState('');

  function submit(event: FormEvent) {
    event.preventDefault();
    void run(async () => {
      if (!file) throw new Error(t('team.errors.chooseFile'));
      await team.join(await file.text(), passphrase);
      setPassphrase('');
      return t('team.joined');
    });
  }

  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      <p>{intro}</p>
      <form className="form" onSubmit={submit} data-testid="team-join">
        <FileButton label={t('team.enrolmentFile')} action="enrolment-file" onFiles={([picked]) => setFile(picked ?? null)} />
        {file && <p className="muted">{t('team.fileChosen', { name: file.name })}</p>}
        <label htmlFor={`${id}-passphrase`}>{t('team.enrolmentPassphrase')}</label>
        <input id={`${id}-passphrase`} type="password" dir="ltr" autoComplete="off" autoCorrect="off" autoCapitalize="off" spellCheck={false} value={passphrase} onChange={(e) => setPassphrase(e.target.value)} required />
        <button type="submit" className="button button--primary" disabled={busy}>
          {t('team.join')}
        </button>
      </form>
    </section>
  );
}

function EnrolForm({ team, busy, run }: { team: TeamController; busy: boolean; run: Run }) {
  const { t } = useTranslation();
  const id = useId();
  const [account, setAccount] = useState({ username: '', password: '' });
  const [made, setMade] = useState<{ file: string; passphrase: string; username: string } | null>(null);
  const [qr, setQr] = useState<string | null>(null);

  useEffect(() => {
    setQr(null);
    if (!made || made.file.length > QR_MAX_CHARACTERS) return;
    let cancelled = false;
    // The QR code library loads only when a coordinator enrols a tablet.
    void import('qrcode-generator').then(({ default: qrcode }) => {
      const code = qrcode(0, 'L');
      code.addData(made.file);
      code.make();
      if (!cancelled) setQr(code.createDataURL(4, 4));
    });
    return () => {
      cancelled = true;
    };
  }, [made]);

  const fileName = (username: string) => `inscription-equipe-${username.replace(/[^\w-]/g, '_')}.json`;

  function submit(event: FormEvent) {
    event.preventDefault();
    void run(async () => {
      const problem = checkServer({ url: 'https://x.invalid', database: 'x', ...account });
      if (problem) throw new Error(t(`team.errors.${problem}` as 'team.errors.url'));
      const result = await team.enrol(account);
      downloadFile(fileName(account.username), result.file);
      setMade({ ...result, username: account.username });
      setAccount({ username: '', password: '' });
      return null;
    });
  }

  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('team.enrolTitle')}</h2>
      <p>{t('team.enrolIntro')}</p>
      <form className="form" onSubmit={submit} data-testid="team-enrol">
        <label htmlFor={`${id}-user`}>{t('team.username')}</label>
        <input id={`${id}-user`} dir="ltr" autoComplete="off" autoCorrect="off" autoCapitalize="off" spellCheck={false} value={account.username} onChange={(e) => setAccount({ ...account, username: e.target.value })} required />
        <label htmlFor={`${id}-password`}>{t('team.password')}</label>
        <input id={`${id}-password`} type="password" dir="ltr" autoComplete="off" spellCheck={false} autoCorrect="off" autoCapitalize="off" value={account.password} onChange={(e) => setAccount({ ...account, password: e.target.value })} required />
        <button type="submit" className="button button--primary" disabled={busy}>
          {t('team.enrol')}
        </button>
      </form>
      {made && (
        <div role="status">
          <p>{t('team.enrolDone')}</p>
          <p className="enrolment-passphrase" dir="ltr" data-testid="enrolment-passphrase">
            {made.passphrase}
          </p>
          {made.file.length > QR_MAX_CHARACTERS ? <p className="muted">{t('team.qrTooLarge')}</p> : qr && <img className="enrolment-qr" src={qr} alt={t('team.qrAlt')} />}
          <button type="button" className="button button--secondary" onClick={() => downloadFile(fileName(made.username), made.file)}>
            {t('team.downloadAgain')}
          </button>
        </div>
      )}
    </section>
  );
}
