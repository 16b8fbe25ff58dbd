/** Enrolment files: only the right passphrase opens them, and a file that could hurt is refused before any work. */
import { describe, expect, it } from 'vitest';
import { checkServer, createEnrolment, enrolmentPassphrase, EnrolmentError, openEnrolment, type TeamSettings } from './team';

const settings: TeamSettings = {
  teamId: 'TEAM000001',
  name: 'Tanger',
  role: 'coordinator',
  tabletId: 'TABLET0001',
  server: { url: 'https://sync.example.org', database: 'team_tanger', username: 'coord', password: 'secret-coord' },
  keys: [{ version: 1, secret: btoa(String.fromCharCode(...new Uint8Array(32).fill(7))) }, { version: 2, secret: btoa(String.fromCharCode(...new Uint8Array(32).fill(9))) }],
  joinedAt: 0,
};

async function refusal(text: string, passphrase: string): Promise<string> {
  try {
    await openEnrolment(text, passphrase);
  } catch (error) {
    if (error instanceof EnrolmentError) return error.code;
    throw error;
  }
  throw new Error('the file was accepted');
}

describe('team enrolment files', { timeout: 60_000 }, () => {
  it('carries the current key and the joining tablet’s account, and opens only with its passphrase', async () => {
    const passphrase = enrolmentPassphrase();
    expect(passphrase).toMatch(/^[0-9A-Z]{5}(-[0-9A-Z]{5}){3}$/);
    const file = await createEnrolment(settings, { username: 'tablet_b', password: 'pw-b' }, passphrase);
    expect(file).not.toMatch(/tablet_b|pw-b|Tanger|sync\.example/);
    const payload = await openEnrolment(file, ` ${passphrase.toLowerCase()} `);
    expect(payload).toMatchObject({ teamId: 'TEAM000001', key: settings.keys[1], server: { url: 'https://sync.example.org', database: 'team_tanger', username: 'tablet_b', password: 'pw-b' } });
    expect(await refusal(file, enrolmentPassphrase())).toBe('passphrase');
  });

  it('refuses an altered header, a lowered or absurd key derivation, another format and a huge file', async () => {
    const passphrase = enrolmentPassphrase();
    const file = JSON.parse(await createEnrolment(settings, { username: 'b', password: 'p' }, passphrase)) as Record<string, unknown> & { kdf: { iterations: number } };
    expect(await refusal(JSON.stringify({ ...file, iv: btoa('x'.repeat(12)) }), passphrase)).toBe('passphrase');
    expect(await refusal(JSON.stringify({ ...file, kdf: { ...file.kdf, iterations: 1_000 } }), passphrase)).toBe('kdf');
    expect(await refusal(JSON.stringify({ ...file, kdf: { ...file.kdf, iterations: 2e9 } }), passphrase)).toBe('kdf');
    expect(await refusal(JSON.stringify({ ...file, format: 'screening-448-1-backup' }), passphrase)).toBe('not_enrolment');
    expect(await refusal(JSON.stringify({ ...file, version: 9 }), passphrase)).toBe('version');
    expect(await refusal('{"format": "screening-448-1-team-enrolment", "version": 1', passphrase)).toBe('not_enrolment');
    expect(await refusal(' '.repeat(20_000), passphrase)).toBe('too_large');
  });

  it('accepts only an https server with no path or credentials (http only on this machine)', () => {
    const ok = { url: 'https://sync.example.org', database: 'team_a', username: 'tab', password: 'pw' };
    expect(checkServer(ok)).toBeNull();
    expect(checkServer({ ...ok, url: 'http://127.0.0.1:5984' })).toBeNull();
    expect(checkServer({ ...ok, url: 'http://sync.example.org' })).toBe('url');
    expect(checkServer({ ...ok, url: 'https://admin:pw@sync.example.org' })).toBe('url');
    expect(checkServer({ ...ok, url: 'https://sync.example.org/team_a' })).toBe('url');
    expect(checkServer({ ...ok, database: 'Team A' })).toBe('database');
    expect(checkServer({ ...ok, username: 'a:b' })).toBe('username');
  });
});
