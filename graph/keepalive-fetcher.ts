/**
 * A minimal fetch for the gateway's remote subgraphs over node:http with keep-alive
 * connections. The gateway's default fetcher cost ~20 % of its CPU on this stack; reusing
 * sockets roughly doubled throughput with subgraphs in separate processes.
 */
import { Agent, request } from 'node:http';
import type { Fetcher, FetcherRequestInit, FetcherResponse } from '@apollo/utils.fetcher';

export function createKeepAliveFetcher(maxSockets = 64): Fetcher & { agent: Agent } {
  const agent = new Agent({ keepAlive: true, maxSockets, keepAliveMsecs: 10_000 });
  const fetcher = (url: string, init: FetcherRequestInit = {}): Promise<FetcherResponse> =>
    new Promise((resolve, reject) => {
      const body = init.body == null ? undefined : typeof init.body === 'string' ? Buffer.from(init.body) : init.body;
      const req = request(url, { method: init.method ?? 'GET', headers: { ...init.headers, ...(body ? { 'content-length': String(body.length) } : {}) }, agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const bytes = Buffer.concat(chunks);
          const headers = new Headers();
          for (const [k, v] of Object.entries(res.headers)) if (v != null) headers.set(k, Array.isArray(v) ? v.join(', ') : v);
          resolve(makeResponse(url, res.statusCode ?? 0, res.statusMessage ?? '', headers, bytes));
        });
      });
      req.on('error', reject);
      if (init.signal) (init.signal as AbortSignal).addEventListener?.('abort', () => req.destroy(new Error('aborted')));
      req.end(body);
    });
  return Object.assign(fetcher, { agent });
}

function makeResponse(url: string, status: number, statusText: string, headers: Headers, bytes: Buffer): FetcherResponse {
  let used = false;
  const take = () => {
    used = true;
    return bytes;
  };
  const response: FetcherResponse = {
    get bodyUsed() { return used; },
    url,
    redirected: false,
    status,
    ok: status >= 200 && status < 300,
    statusText,
    headers: headers as unknown as FetcherResponse['headers'],
    arrayBuffer: async () => { const b = take(); return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer; },
    text: async () => take().toString('utf8'),
    json: async () => JSON.parse(take().toString('utf8')),
    clone: () => makeResponse(url, status, statusText, headers, bytes),
  };
  return response;
}
