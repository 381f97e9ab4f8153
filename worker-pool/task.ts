/**
 * The worker's entry (Piscina runs the compiled dist/worker-pool/task.js): look the metric
 * up in the registry, give it a MetricContext over the shared map, run it, return the result
 * and the artifacts it wrote. Errors leave as an envelope that keeps their VrsError code.
 */
import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { VrsError } from './errors.js';
import { blobPath, extensionForMediaType, readBlobSync, writeBlobSync } from './io/blob-files.js';
import { collectGarbage } from './kernels/memory/collect-garbage.js';
import { missingInput } from './metrics/inputs.js';
import { declaredInputs, loadRegistry } from './metrics/registry.js';
import type { ArtifactRef, MetricContext } from './metrics/types.js';
import { PROGRESS_END, TASK_STARTED, encodeTaskError, type MetricTaskInput, type MetricTaskOutput } from './task-protocol.js';

// The extensions putArtifact can give a blob, most likely first (readArtifact knows only the hash).
const KNOWN_EXTENSIONS = ['mrc', 'png', 'json', 'svg', 'bin', 'pdf', ''];

function readArtifactAnyExtension(root: string, sha256: string): Uint8Array {
  for (const ext of KNOWN_EXTENSIONS) {
    if (existsSync(blobPath(root, sha256, ext))) return readBlobSync(root, sha256, ext);
  }
  throw new VrsError('BLOB_MISSING', `Artifact ${sha256} is not in the blob folder ${root}; recompute the section that made it.`);
}

export default async function runMetricTask(task: MetricTaskInput): Promise<MetricTaskOutput> {
  const port = task.progressPort;
  try {
    const registry = await loadRegistry(task.metricModules);
    // the pool's time limit starts now: not while the task was queued, nor while a fresh worker imported the metrics
    port?.postMessage(TASK_STARTED);
    const metric = registry.get(task.metric);
    const inputs = { ...(task.inputs ?? {}), map: task.volume };
    for (const role of declaredInputs(metric)) if (!inputs[role]) throw missingInput(metric.name, role, task.mapId);
    const artifacts: ArtifactRef[] = [];
    const ctx: MetricContext<unknown> = {
      volume: task.volume,
      inputs,
      params: task.params,
      deps: task.deps,
      putArtifact(bytes, mediaType, role) {
        const written = writeBlobSync(task.blobRoot, bytes, extensionForMediaType(mediaType));
        const ref: ArtifactRef = { sha256: written.sha256, mediaType, role, sizeBytes: written.sizeBytes };
        artifacts.push(ref);
        return ref;
      },
      readArtifact: (sha256) => readArtifactAnyExtension(task.blobRoot, sha256),
      progress(fraction, phase) {
        port?.postMessage({ fraction: Math.min(1, Math.max(0, fraction)), phase });
      },
    };
    const started = performance.now();
    const result = await metric.compute(ctx);
    return { result, artifacts, computeMillis: performance.now() - started };
  } catch (error) {
    throw encodeTaskError(error);
  } finally {
    port?.postMessage(PROGRESS_END);
    port?.close();
    // What the metric allocated is garbage now, most of it shared buffers V8 does not count
    // (collect-garbage.ts): free it before the next task, not at some later collection. A full
    // collection (~11 ms): after a single mark-compact a section's spectra stayed mapped until
    // the worker's event loop ran again, i.e. all through the next task when one was queued (a
    // 400³ validate peaked at 1.56 GiB so, 1.09 GiB now; pool.test.ts).
    collectGarbage('full');
  }
}
