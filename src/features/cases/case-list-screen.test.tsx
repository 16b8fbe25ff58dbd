// @vitest-environment jsdom
/**
 * The case list for a shift's work: rows that tell cases apart, a search by
 * place and reference, and counts that read correctly in French and Arabic.
 */
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { renderIn } from '../../../test/helpers/render';
import type { CaseListItem, CaseStore } from '../../storage';
import { CaseListScreen } from './case-list-screen';

// jsdom does not scroll; the list virtualiser asks it to.
beforeAll(() => void (window.scrollTo = () => undefined));
afterEach(cleanup);

const item = (id: string, place: string | null, extra: Partial<CaseListItem> = {}): CaseListItem => ({
  id,
  reference: `TR-${id.slice(0, 4)}-${id.slice(4, 8)}`,
  createdAt: Date.UTC(2026, 10, 28, 9, 30),
  updatedAt: Date.UTC(2026, 10, 28, 10),
  closedAt: null,
  status: 'in_progress',
  questionnaireId: 'art-448-1',
  questionnaireVersion: 1,
  summary: { outcome: null, flags: [], section: 'means', answered: 12 },
  place,
  personLanguage: null,
  personLanguageOther: null,
  daysLeft: null,
  ...extra,
});

function storeOf(items: CaseListItem[]): CaseStore {
  return { list: async () => items, preview: async () => null, listedNow: () => null, remove: async () => undefined } as unknown as CaseStore;
}

const noop = () => undefined;

describe('case list', () => {
  it('each row says where, when, how it ended, its status, the person\'s language and the latest referral', async () => {
    const referred = item('AAAA1111BB', 'Port Tanger Med', {
      status: 'referred',
      closedAt: Date.UTC(2026, 10, 28, 11),
      daysLeft: 1,
      personLanguage: 'other',
      personLanguageOther: 'Pidgin',
      summary: { outcome: 'presumed_victim', flags: [], section: 'result', answered: 40, referral: { serviceName: 'OIM Maroc', status: 'accepted' } },
    });
    renderIn(<CaseListScreen store={storeOf([referred])} onOpen={noop} onSummary={noop} onHome={noop} />, 'fr');
    const row = await screen.findByText('TR-AAAA-1111');
    const text = row.closest('.case')!.textContent!;
    for (const part of ['Port Tanger Med', '28 nov. 2026', 'Orienté', 'Victime présumée', 'Pidgin', 'OIM Maroc', 'Acceptée', 'Supprimé dans 1 jour']) expect(text).toContain(part);
    expect(screen.getByTestId('case-count').textContent).toBe('1 dossier affiché sur 1');
  });

  it('searches by place or reference, and counts in Arabic with its own plural forms', async () => {
    const items = [item('AAAA1111BB', 'Ferme, Souss-Massa'), item('CCCC2222DD', 'Gare routière de Tanger'), item('EEEE3333FF', null)];
    renderIn(<CaseListScreen store={storeOf(items)} onOpen={noop} onSummary={noop} onHome={noop} />, 'ar');
    await waitFor(() => expect(screen.getByTestId('case-count').textContent).toBe('تُعرض 3 ملفات من أصل 3'));
    const search = screen.getByLabelText('المرجع أو المكان');
    fireEvent.change(search, { target: { value: 'tanger' } });
    await waitFor(() => expect(screen.getByTestId('case-count').textContent).toBe('يُعرض ملف واحد من أصل 3'));
    expect(document.querySelectorAll('.case')).toHaveLength(1);
    fireEvent.change(search, { target: { value: 'souss massa' } });
    await waitFor(() => expect(document.querySelector('.case')!.textContent).toContain('TR-AAAA-1111'));
    fireEvent.change(search, { target: { value: 'TR-EEEE' } });
    await waitFor(() => expect(document.querySelector('.case')!.textContent).toContain('TR-EEEE-3333'));
    fireEvent.change(search, { target: { value: 'nowhere' } });
    await waitFor(() => expect(screen.getByTestId('case-count').textContent).toBe('لا يوجد ملف يطابق هذا البحث.'));
  });

  it('right after unlock, draws the latest cases at once and says the rest is coming, then the whole list', async () => {
    const latest = item('AAAA1111BB', 'Port Tanger Med');
    const all = [latest, item('CCCC2222DD', 'Gare routière'), item('EEEE3333FF', null)];
    let release: (list: CaseListItem[]) => void = () => undefined;
    const whole = new Promise<CaseListItem[]>((resolve) => (release = resolve));
    const store = { preview: async () => [latest], listedNow: () => null, list: () => whole, remove: async () => undefined } as unknown as CaseStore;
    renderIn(<CaseListScreen store={store} onOpen={noop} onSummary={noop} onHome={noop} />, 'fr');
    expect(await screen.findByText('TR-AAAA-1111')).toBeTruthy();
    expect(screen.getByText('Les derniers dossiers. La liste complète s’ouvre…')).toBeTruthy();
    expect(document.querySelectorAll('.case')).toHaveLength(1);
    release(all);
    await waitFor(() => expect(screen.getByTestId('case-count').textContent).toBe('3 dossiers affichés sur 3'));
    expect(screen.queryByText('Les derniers dossiers. La liste complète s’ouvre…')).toBeNull();
  });

  it('draws in its first render what the store already has: the tap on "cases" waits for no read', async () => {
    const latest = item('AAAA1111BB', 'Port Tanger Med');
    const all = [latest, item('CCCC2222DD', 'Gare routière')];
    let release: (list: CaseListItem[]) => void = () => undefined;
    const whole = new Promise<CaseListItem[]>((resolve) => (release = resolve));
    const preview = vi.fn(async () => [latest]);
    const store = { preview, listedNow: () => ({ preview: [latest] }), list: () => whole, remove: async () => undefined } as unknown as CaseStore;
    renderIn(<CaseListScreen store={store} onOpen={noop} onSummary={noop} onHome={noop} />, 'fr');
    // No await: the row is there as the screen is first drawn.
    expect(screen.getByText('TR-AAAA-1111')).toBeTruthy();
    expect(screen.getByText('Les derniers dossiers. La liste complète s’ouvre…')).toBeTruthy();
    expect(preview).not.toHaveBeenCalled();
    release(all);
    await waitFor(() => expect(screen.getByTestId('case-count').textContent).toBe('2 dossiers affichés sur 2'));
  });

  it('with the whole list at hand, draws it at once and counts it', () => {
    const all = [item('AAAA1111BB', 'Port Tanger Med'), item('CCCC2222DD', 'Gare routière')];
    const store = { preview: async () => null, listedNow: () => ({ list: all }), list: async () => all, remove: async () => undefined } as unknown as CaseStore;
    renderIn(<CaseListScreen store={store} onOpen={noop} onSummary={noop} onHome={noop} />, 'fr');
    expect(screen.getByTestId('case-count').textContent).toBe('2 dossiers affichés sur 2');
    expect(screen.getByText('TR-CCCC-2222')).toBeTruthy();
  });
});
