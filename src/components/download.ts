/** Hands a file to the browser's download, from memory: nothing goes over a network. */
export function downloadFile(name: string, text: string, type = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * The organisation deploying the app may set a prefix for downloaded files at
 * build time (VITE_FILE_PREFIX, e.g. "ngo-tanger"); letters, digits, "-" and "_" only.
 */
const PREFIX = (import.meta.env.VITE_FILE_PREFIX ?? '').replace(/[^A-Za-z0-9_-]/g, '').slice(0, 40);

/**
 * A download's name that says nothing of what is inside — a file left in a
 * Downloads folder or on a USB stick must not announce a trafficking case or a
 * backup of one: `data-2026-11-30.bin`, `directory-2026-11-30.json`.
 */
export function neutralFileName(kind: string, extension: string, now = new Date()): string {
  const day = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
  return `${PREFIX ? `${PREFIX}-` : ''}${kind}-${day}.${extension}`;
}
