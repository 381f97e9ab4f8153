/**
 * Every code a client can receive is documented: the README's table equals the one generated
 * from the catalogue, the schema's ErrorCode enum holds exactly the catalogue's codes (and
 * Error.code is typed by it), and Apollo's own codes never reach a client unmapped.
 */
import { Supergraph } from '@apollo/federation-internals';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { ERROR_CATALOGUE } from '../../worker-pool/errors.js';
import { SUPERGRAPH_PATH } from '../compose.js';
import { formatError } from '../http/errors.js';
import { README_PATH, errorCodesTable, readmeTable } from './error-codes.js';

const graphql = createRequire(import.meta.url)('graphql') as typeof import('graphql');
const codes = Object.keys(ERROR_CATALOGUE).sort();

describe('error codes', () => {
  it("the README's table is the one generated from worker-pool/errors.ts (else: npm run docs:errors)", () => {
    expect(readmeTable(readFileSync(README_PATH, 'utf8'))).toBe(errorCodesTable());
  });

  it('the table has one row per code, with its HTTP status and CLI exit code', () => {
    const rows = errorCodesTable().split('\n').slice(2);
    expect(rows.map((r) => /^\| `([A-Z0-9_]+)` \|/.exec(r)?.[1]).sort()).toEqual(codes);
    expect(rows.find((r) => r.startsWith('| `MAP_NOT_REGISTERED`'))).toMatch(/^\| `MAP_NOT_REGISTERED` \| 404 \| 2 \|/);
    expect(rows.find((r) => r.startsWith('| `INTERNAL`'))).toMatch(/^\| `INTERNAL` \| 500 \| 1 \|/);
  });

  it("the public schema's ErrorCode enum holds exactly the catalogue's codes, described, and types Error.code", () => {
    const schema = Supergraph.build(readFileSync(SUPERGRAPH_PATH, 'utf8')).apiSchema().toGraphQLJSSchema();
    const errorCode = schema.getType('ErrorCode');
    expect(graphql.isEnumType(errorCode)).toBe(true);
    const values = (errorCode as import('graphql').GraphQLEnumType).getValues();
    expect(values.map((v) => v.name).sort()).toEqual(codes);
    for (const v of values) expect(v.description).toBe(ERROR_CATALOGUE[v.name as keyof typeof ERROR_CATALOGUE].text);
    const error = schema.getType('Error') as import('graphql').GraphQLObjectType;
    expect(String(error.getFields().code!.type)).toBe('ErrorCode!');
  });

  it("Apollo's own codes, or none, reach the client as catalogue codes (the original kept as graphqlCode)", () => {
    const cases: [string | undefined, string][] = [
      ['GRAPHQL_PARSE_FAILED', 'QUERY_INVALID'],
      ['BAD_USER_INPUT', 'BAD_PARAMETER'],
      ['PERSISTED_QUERY_NOT_SUPPORTED', 'BAD_REQUEST'],
      ['INTERNAL_SERVER_ERROR', 'INTERNAL'],
      ['SOMETHING_ELSE', 'INTERNAL'],
      [undefined, 'INTERNAL'],
      ['MAP_NOT_REGISTERED', 'MAP_NOT_REGISTERED'],
    ];
    for (const [given, expected] of cases) {
      const out = formatError({ message: 'm', ...(given ? { extensions: { code: given } } : {}) }, new Error('m'));
      expect(out.extensions?.code, String(given)).toBe(expected);
      expect(codes).toContain(out.extensions?.code);
      if (given !== expected) expect(out.extensions?.graphqlCode).toBe(given);
    }
  });
});
