/**
 * The dashboard's GraphQL client (api.ts) against a stubbed fetch: every kind of answer becomes
 * data or an ApiError with a readable message and its code, never a TypeError or `undefined`
 * passed on as data; a field error (a failed section) keeps its path beside the data.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, describe as say, gql, request } from './api';
import type { TypedDocument } from './generated/graphql';

const doc = '{ a }' as TypedDocument<{ a: number }, Record<string, never>>;
function answering(status: number, body: string, contentType = 'application/json') {
  vi.stubGlobal('fetch', async () => new Response(body, { status, headers: { 'content-type': contentType } }));
}
const messageOf = (p: Promise<unknown>) => p.then(() => 'resolved', (e: unknown) => say(e));

afterEach(() => vi.unstubAllGlobals());

describe('dashboard GraphQL client', () => {
  it('returns data, and GraphQL errors as "[CODE] message"', async () => {
    answering(200, '{"data": {"a": 1}}');
    expect(await gql(doc, {})).toEqual({ a: 1 });
    answering(400, '{"errors": [{"message": "bad", "extensions": {"code": "BAD_PARAMETER"}}]}');
    expect(await messageOf(gql(doc, {}))).toBe('[BAD_PARAMETER] bad');
  });

  it('reports the other routes\' {"error": {code, message}} shape with its code', async () => {
    answering(413, '{"error": {"code": "REQUEST_TOO_LARGE", "message": "The request body is too big."}}');
    expect(await messageOf(gql(doc, {}))).toBe('[REQUEST_TOO_LARGE] The request body is too big.');
  });

  it('reports a body that is not JSON, or JSON without data, by its HTTP status', async () => {
    answering(502, '<html>Bad Gateway</html>', 'text/html');
    expect(await messageOf(gql(doc, {}))).toMatch(/HTTP 502/);
    answering(200, '{}');
    expect(await messageOf(gql(doc, {}))).toMatch(/HTTP 200 .*without data/);
  });

  it('keeps partial data with the field errors and their paths (request), but gql refuses it', async () => {
    answering(200, '{"data": {"map": {"l": {"mass": null, "mask": {"status": "OK"}}}}, "errors": [{"message": "no", "path": ["map", "l", "mass"], "extensions": {"code": "MAP_ANISOTROPIC_VOXELS"}}]}');
    const answer = await request(doc, {});
    expect(answer.errors).toHaveLength(1);
    expect(answer.errors[0]).toBeInstanceOf(ApiError);
    expect(answer.errors[0]!.code).toBe('MAP_ANISOTROPIC_VOXELS');
    expect(answer.errors[0]!.path).toEqual(['map', 'l', 'mass']);
    expect(await messageOf(gql(doc, {}))).toBe('[MAP_ANISOTROPIC_VOXELS] no');
  });
});
