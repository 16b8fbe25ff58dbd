/**
 * BENCH_PROFILE=1, for working on performance: a CPU profile of one part of a
 * bench (the app built unminified), its heaviest functions printed by self time.
 * Not a figure: a profiler slows what it watches.
 */
interface Send {
  send(method: string, params?: Record<string, unknown>): Promise<unknown>;
}

export const profiling = process.env.BENCH_PROFILE === '1';

export async function startProfile(cdp: Send, intervalMicroseconds = 200): Promise<void> {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: intervalMicroseconds });
  await cdp.send('Profiler.start');
}

export async function printProfile(cdp: Send, what: string, top = 25): Promise<void> {
  const { profile } = (await cdp.send('Profiler.stop')) as { profile: { nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[]; samples: number[]; timeDeltas: number[] } };
  const self = new Map<string, number>();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  profile.samples.forEach((id, i) => {
    const frame = byId.get(id)!.callFrame;
    const name = `${frame.functionName || '(anonymous)'} ${frame.url.split('/').pop()}:${frame.lineNumber}`;
    self.set(name, (self.get(name) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  console.log(`${what}: heaviest functions (self time, ms)`);
  for (const [name, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${Math.round(ms).toString().padStart(7)}  ${name}`);
}
