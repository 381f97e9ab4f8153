/**
 * Stopping the server (vrs serve's Ctrl-C closes the app): a request in flight still gets its
 * answer, and what was being computed is handed back, not left claimed for the stale window.
 */
import { describe, expect, it } from 'vitest';
import { startTestStack } from '../testing/stack.js';

describe('server shutdown', () => {
  it('answers the request in flight before it stops, then refuses new connections', async () => {
    const stack = await startTestStack();
    try {
      const reg = await stack.gql(`mutation { registerMap(input: { path: "emd_1997.map" }) { id } }`);
      const id = reg.data.registerMap.id;
      // a section that computes for a moment (masks + 0.c on 100³)
      const inFlight = stack.gql(`query($id: ID!) { map(id: $id) { level0(threshold: 0.8, resolution: 7) { background { status } } } }`, { id });
      await new Promise((r) => setTimeout(r, 150));
      const closing = stack.app.close();
      const answer = await inFlight;
      expect(answer.errors).toBeUndefined();
      expect(['OK', 'WARNING']).toContain(answer.data.map.level0.background.status);
      await closing;
      await expect(fetch(`${stack.app.url}/healthz`)).rejects.toThrow();
    } finally {
      await stack.stop().catch(() => undefined);
    }
  }, 60_000);
});
