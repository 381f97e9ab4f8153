/**
 * For tests: a scratch database per test file on the run's server (DATABASE_URL, which the
 * vitest global setup provides when none is configured), dropped afterwards, so runs
 * against a shared server never collide; and small builders of store rows.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { NewMap } from './maps-repository.js';

export interface ScratchDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

export function serverUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set: run the tests through vitest (its global setup starts a server).');
  return url;
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export async function createScratchDatabase(prefix = 'vrs_test'): Promise<ScratchDatabase> {
  const base = serverUrl();
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base, connectionTimeoutMillis: 5000 });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(name)}`);
  } finally {
    await admin.end();
  }
  return {
    url: withDatabase(base, name),
    name,
    drop: async () => {
      const client = new pg.Client({ connectionString: base, connectionTimeoutMillis: 5000 });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

/** A map id as the store keys it: 64 random hex digits (a SHA-256's length). */
export function randomMapId(): string {
  return randomBytes(32).toString('hex');
}

/** A small, complete maps row; `overrides` replaces fields. */
export function sampleMap(overrides: Partial<NewMap> = {}): NewMap {
  return {
    id: randomMapId(),
    name: 'sample.map',
    sizeBytes: 1024 + 4 * 8 * 8 * 8,
    header: { nx: 8, ny: 8, nz: 8, mode: 2, mapc: 1, mapr: 2, maps: 3, exttyp: 'MRCO', labels: ['made by a test'] },
    geometry: { dimensions: { x: 8, y: 8, z: 8 }, voxelSize: { x: 1.5, y: 1.5, z: 1.5 }, origin: { x: 0, y: 0, z: 0 }, originSource: 'ORIGIN', axisOrder: [1, 2, 3] },
    statistics: { min: -1, max: 2.5, mean: 0.125, std: 0.5, rms: 0.515 },
    formatIssues: [{ code: 'MRC_ISPG_ZERO', severity: 'warning', message: 'ISPG is 0.' }],
    ...overrides,
  };
}
