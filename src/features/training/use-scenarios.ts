/**
 * The scenarios a trainer can use: those this build carries and the trainer's
 * own, read back from the training database and checked again (a scenario saved
 * under an older questionnaire may no longer fit; it is shown as refused, not lost).
 */
import { useCallback, useEffect, useState } from 'react';
import { builtInScenarios } from '../../content/scenario-library';
import { parseScenario, type Scenario } from '../../content/scenarios';
import type { TrainingStore } from '../../storage';

export interface ScenarioEntry {
  scenario: Scenario;
  own: boolean;
}

export interface ScenarioCatalogue {
  entries: ScenarioEntry[];
  /** Own scenarios this build can no longer read, with the reason. */
  refused: { id: string; reason: string }[];
  /** Why the own scenarios could not be read at all (the built-in ones are still there). */
  loadError: string | null;
  find: (id: string) => ScenarioEntry | undefined;
  reload: () => void;
}

export function useScenarios(training: TrainingStore): ScenarioCatalogue | null {
  const [state, setState] = useState<Omit<ScenarioCatalogue, 'find' | 'reload'> | null>(null);
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let cancelled = false;
    training.scenarios().then((docs) => {
      if (cancelled) return;
      const entries: ScenarioEntry[] = builtInScenarios().map((scenario) => ({ scenario, own: false }));
      const refused: { id: string; reason: string }[] = [];
      for (const doc of docs) {
        const id = String((doc as { id?: unknown }).id ?? '?');
        try {
          entries.push({ scenario: parseScenario(doc, id, { trainer: true }), own: true });
        } catch (error) {
          refused.push({ id, reason: error instanceof Error ? error.message : String(error) });
        }
      }
      setState({ entries, refused, loadError: null });
    }, (error: unknown) => {
      if (!cancelled) setState({ entries: builtInScenarios().map((scenario) => ({ scenario, own: false })), refused: [], loadError: error instanceof Error ? error.message : String(error) });
    });
    return () => {
      cancelled = true;
    };
  }, [training, generation]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  if (!state) return null;
  return { ...state, find: (id) => state.entries.find((e) => e.scenario.id === id), reload };
}
