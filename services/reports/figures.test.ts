/** The report's artifact loader: a figure whose file is gone is left out, other failures stay errors. */
import { describe, expect, it } from 'vitest';
import { VrsError } from '../../worker-pool/errors.js';
import type { BlobStore } from '../store/blob-store.js';
import { reportFigureOptions } from './figures.js';

function optionsWith(read: () => Promise<Uint8Array>) {
  const blobs = { get: async () => ({ mediaType: 'image/png' }), read } as unknown as BlobStore;
  const deps = { blobs, runMetric: async () => ({ result: null }), mapDimensions: async () => null };
  return reportFigureOptions(deps, 'a'.repeat(64), { threshold: 1, resolution: 7, profile: 'standard', voxelSize: 1 });
}

describe('reportFigureOptions.loadArtifact', () => {
  it('gives the bytes, or null for a file missing from the blob folder (the figure is left out, the report printed)', async () => {
    expect(await optionsWith(async () => new Uint8Array([1, 2])).loadArtifact!('b'.repeat(64))).toEqual(new Uint8Array([1, 2]));
    const missing = optionsWith(async () => { throw new VrsError('BLOB_MISSING', 'gone'); });
    expect(await missing.loadArtifact!('b'.repeat(64))).toBeNull();
    const broken = optionsWith(async () => { throw new VrsError('DB_UNAVAILABLE', 'down'); });
    await expect(broken.loadArtifact!('b'.repeat(64))).rejects.toMatchObject({ code: 'DB_UNAVAILABLE' });
  });
});
