import { QueryRunnerAlreadyReleasedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';
import { describe, expect, it } from 'vitest';
import { isConnectionError, withDb } from './db-errors.js';

describe('isConnectionError', () => {
  it('a transaction whose connection failed between statements (its runner released before COMMIT) is an outage', async () => {
    expect(isConnectionError(new QueryRunnerAlreadyReleasedError())).toBe(true);
    await expect(withDb('127.0.0.1:5432/x', () => Promise.reject(new QueryRunnerAlreadyReleasedError()))).rejects.toMatchObject({ code: 'DB_UNAVAILABLE' });
  });

  it('a statement sent through that transaction\'s EntityManager after the release (its own wording) is an outage too', async () => {
    expect(isConnectionError(new QueryRunnerProviderAlreadyReleasedError())).toBe(true);
    await expect(withDb('127.0.0.1:5432/x', () => Promise.reject(new QueryRunnerProviderAlreadyReleasedError()))).rejects.toMatchObject({ code: 'DB_UNAVAILABLE' });
  });

  it('other errors pass as they are', async () => {
    expect(isConnectionError(new Error('syntax error at or near "SELEC"'))).toBe(false);
    await expect(withDb('127.0.0.1:5432/x', () => Promise.reject(new TypeError('x is undefined')))).rejects.toBeInstanceOf(TypeError);
  });
});
