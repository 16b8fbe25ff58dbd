/**
 * A small static server for the built app whose folder can be swapped while it
 * runs: how a test serves "a new build" to a tablet that already has the old one.
 */
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../../vite.config';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
};

export interface StaticServer {
  url: string;
  setRoot: (root: string) => void;
  close: () => Promise<void>;
}

/** `contentSecurityPolicy`: the app's by default; npm run bench serves SurveyJS with the policy it needs. */
export async function serveStatic(root: string, contentSecurityPolicy = CONTENT_SECURITY_POLICY, port = 0): Promise<StaticServer> {
  let current = root;
  const server: Server = createServer(async (request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    const file = join(current, path === '/' ? 'index.html' : path);
    try {
      const body = await readFile(file);
      response.writeHead(200, {
        'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
        'Content-Security-Policy': contentSecurityPolicy,
        // The service worker script must be fetched fresh so an update can be found.
        'Cache-Control': path.endsWith('sw.js') || path === '/' || path.endsWith('.html') ? 'no-cache' : 'max-age=31536000, immutable',
      });
      response.end(body);
    } catch {
      response.writeHead(404).end('not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return {
    url: `http://127.0.0.1:${address.port}/`,
    setRoot: (next) => {
      current = next;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
