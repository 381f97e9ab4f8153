import pg from 'pg';
import { describe, expect, it } from 'vitest';

describe('vitest global setup', () => {
  it('hands every test process a DATABASE_URL of a server that answers', async () => {
    expect(process.env.DATABASE_URL).toMatch(/^postgres(ql)?:\/\//);
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL, connectionTimeoutMillis: 5000 });
    await client.connect();
    try {
      const { rows } = await client.query('SELECT current_setting(\'server_version_num\')::int AS v');
      expect(rows[0].v).toBeGreaterThanOrEqual(150000);
    } finally {
      await client.end();
    }
  });
});
