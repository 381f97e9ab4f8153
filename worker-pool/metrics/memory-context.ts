/**
 * A MetricContext whose artifacts live in a Map: runs metrics in one thread without the pool
 * or the blob store (benchmarks, quick experiments). Production runs go through task.ts.
 */
import { createHash } from 'node:crypto';
import type { Volume } from '../volume.js';
import type { ArtifactRef, Level0Params, MetricContext, MetricInputs } from './types.js';

export function memoryMetricContext(
  volume: Volume,
  params: Level0Params,
  deps: Record<string, unknown>,
  blobs: Map<string, Uint8Array>,
  inputs: Omit<MetricInputs, 'map'> = {},
): MetricContext {
  return {
    volume,
    inputs: { ...inputs, map: volume },
    params,
    deps,
    putArtifact(bytes: Uint8Array, mediaType: string, role: string): ArtifactRef {
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      blobs.set(sha256, bytes);
      return { sha256, mediaType, role, sizeBytes: bytes.byteLength };
    },
    readArtifact: (sha) => blobs.get(sha)!,
    progress: () => undefined,
  };
}
