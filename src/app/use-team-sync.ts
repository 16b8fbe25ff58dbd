/**
 * Team sync in the app: after unlock, the sealed team settings are read (a small
 * module); only when they exist is the sync runtime — PouchDB — loaded and
 * started. It stops on lock, when the store (and every key) is dropped. Nothing
 * here waits on the network: screens keep working whatever sync is doing.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { CaseStore } from '../storage';
import type { SyncStatus, TeamSyncEngine } from '../storage/sync/pouch-runtime';
import type { ServerAccount, TeamController, TeamSettings } from '../storage/sync/team';

const loadTeam = () => import('../storage/sync/team');
const loadRuntime = () => import('../storage/sync/pouch-runtime');
const ALLOWED = typeof __SYNC_SERVER_ORIGINS__ === 'undefined' ? [] : __SYNC_SERVER_ORIGINS__;

export function useTeamSync(store: CaseStore | null): TeamController | null {
  const [settings, setSettings] = useState<TeamSettings | null>(null);
  const [status, setStatus] = useState<SyncStatus | null>(null);
  const engine = useRef<TeamSyncEngine | null>(null);

  useEffect(() => {
    if (!store) return;
    let cancelled = false;
    void loadTeam()
      .then((team) => team.readTeamSettings(store))
      .then((found) => !cancelled && setSettings(found))
      .catch(() => undefined);
    return () => {
      cancelled = true;
      setSettings(null);
    };
  }, [store]);

  useEffect(() => {
    if (!store || !settings) return;
    let cancelled = false;
    let running: TeamSyncEngine | null = null;
    let unsubscribe: (() => void) | undefined;
    void (async () => {
      const runtime = await loadRuntime();
      if (cancelled) return;
      running = await runtime.createTeamSync(store, settings);
      if (cancelled) return;
      engine.current = running;
      unsubscribe = running.subscribe(setStatus);
      await running.start();
    })().catch((error: unknown) => console.error('team sync did not start:', error instanceof Error ? error.message : error));
    return () => {
      cancelled = true;
      unsubscribe?.();
      void running?.stop();
      engine.current = null;
      setStatus(null);
    };
  }, [store, settings]);

  return useMemo(() => {
    if (!store) return null;
    return {
      settings,
      status,
      allowedOrigins: ALLOWED,
      async create(input: { name: string; server: ServerAccount }) {
        const team = await loadTeam();
        setSettings(await team.createTeam(store, input));
      },
      async join(text: string, passphrase: string) {
        const team = await loadTeam();
        const payload = await team.openEnrolment(text, passphrase);
        const previous = await team.readTeamSettings(store);
        if (previous) {
          // A new key for the same team (after a rotation), or another team: start from the server's copy.
          await engine.current?.stop();
          engine.current = null;
          const runtime = await loadRuntime();
          if (previous.teamId !== payload.teamId) await runtime.destroyLocalTeamDatabase(previous);
          await runtime.destroyLocalTeamDatabase(payload);
        }
        setSettings(await team.joinTeam(store, payload, previous));
      },
      async enrol(account: { username: string; password: string }) {
        if (!settings) throw new Error('not in a team');
        const team = await loadTeam();
        const passphrase = team.enrolmentPassphrase();
        const file = await team.createEnrolment(settings, account, passphrase);
        await store.audit('team', `enrol ${account.username}`);
        return { file, passphrase };
      },
      async rotate() {
        if (!settings || !engine.current) throw new Error('team sync is not running');
        const [team, keys] = await Promise.all([loadTeam(), import('../crypto/team-key')]);
        const secret = keys.newTeamSecret();
        const { version } = await engine.current.rotate(secret);
        const next = { ...settings, keys: [{ version, secret: keys.toBase64(secret) }, ...settings.keys] };
        await team.writeTeamSettings(store, next);
        await store.audit('team', `rotate ${version}`);
        setSettings(next);
      },
      async leave() {
        const team = await loadTeam();
        const result = engine.current ? await engine.current.leave() : { erased: 0 };
        engine.current = null;
        await team.writeTeamSettings(store, null);
        await store.audit('team', `leave ${result.erased}`);
        setSettings(null);
        return result;
      },
      async teamStatistics() {
        return engine.current ? engine.current.teamStatistics() : [];
      },
    };
  }, [store, settings, status]);
}
