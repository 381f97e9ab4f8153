/**
 * The dashboard's gql() (graph/dashboard/dashboard.js, a browser script) run in a vm context
 * with a stub page and fetch: every kind of answer becomes data or an Error with a readable
 * message (code first), never a TypeError or an `undefined` passed on as data.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createContext, runInContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../worker-pool/paths.js';

const SOURCE = readFileSync(join(REPO_ROOT, 'graph', 'dashboard', 'dashboard.js'), 'utf8');

/** The script's gql(), with fetch answering `status` and `body` (text) to every request. */
function gqlAnswering(status: number, body: string, contentType = 'application/json'): (query: string) => Promise<unknown> {
  const element = { addEventListener() {}, textContent: '', className: '', innerHTML: '' };
  const context = createContext({
    document: { querySelector: () => element },
    fetch: async () => new Response(body, { status, headers: { 'content-type': contentType } }),
    setTimeout, clearTimeout, console,
  });
  runInContext(SOURCE, context); // its refresh() runs once against the same stub
  return (context as unknown as { gql(query: string): Promise<unknown> }).gql;
}

const messageOf = (p: Promise<unknown>) => p.then(() => 'resolved', (e: Error) => e.message);

describe('dashboard gql()', () => {
  it('returns data, and GraphQL errors as "[CODE] message"', async () => {
    expect(await gqlAnswering(200, '{"data": {"a": 1}}')('{ a }')).toEqual({ a: 1 });
    expect(await messageOf(gqlAnswering(400, '{"errors": [{"message": "bad", "extensions": {"code": "BAD_PARAMETER"}}]}')('{ a }')))
      .toBe('[BAD_PARAMETER] bad');
  });

  it('reports the other routes\' {"error": {code, message}} shape with its code', async () => {
    expect(await messageOf(gqlAnswering(413, '{"error": {"code": "REQUEST_TOO_LARGE", "message": "The request body is too big."}}')('{ a }')))
      .toBe('[REQUEST_TOO_LARGE] The request body is too big.');
  });

  it('reports a body that is not JSON, or JSON without data, by its HTTP status', async () => {
    expect(await messageOf(gqlAnswering(502, '<html>Bad Gateway</html>', 'text/html')('{ a }'))).toMatch(/HTTP 502/);
    expect(await messageOf(gqlAnswering(200, '{}')('{ a }'))).toMatch(/HTTP 200 .*without data/);
  });
});
