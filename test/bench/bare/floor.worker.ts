/// <reference lib="webworker" />
/**
 * The restore's floor (run.ts): adds rows of the sizes given — random bytes in
 * the shape of sealed content rows — 1,000 per transaction, from a Worker as the
 * restore worker adds them, and replies with the time taken. A bundled file, not
 * a blob: the page's Content-Security-Policy allows workers from 'self' only.
 */
const scope = self as unknown as DedicatedWorkerGlobalScope;

function random(n: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i += 65536) crypto.getRandomValues(out.subarray(i, Math.min(n, i + 65536)));
  return out;
}

scope.onmessage = async (event: MessageEvent<[number, number][]>) => {
  const rows = event.data.map(([content, head], i) => ({ id: `floor-${i}`, content: { v: 1, iv: random(12), data: random(content) }, head: { v: 1, iv: random(12), data: random(head) } }));
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const open = indexedDB.open(`bench-floor-${Date.now()}`, 1);
    open.onupgradeneeded = () => open.result.createObjectStore('content', { keyPath: 'id' });
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  const t0 = performance.now();
  for (let i = 0; i < rows.length; i += 1000) {
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction('content', 'readwrite');
      for (const row of rows.slice(i, i + 1000)) tx.objectStore('content').add(row);
      tx.oncomplete = () => resolve();
      tx.onabort = () => reject(tx.error);
      tx.commit();
    });
  }
  scope.postMessage(performance.now() - t0);
};
