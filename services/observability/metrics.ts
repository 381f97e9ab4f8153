/**
 * The process's Prometheus metrics (prom-client), served on GET /metrics by the gateway and by
 * `vrs worker --metrics-port`: request latency, queue depth and job states, compute seconds
 * per metric, and cache hit ratios (memo results, worker map files).
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

export const registry = new Registry();
collectDefaultMetrics({ register: registry, prefix: 'vrs_process_' });

export const httpSeconds = new Histogram({
  name: 'vrs_http_request_duration_seconds', help: 'HTTP request latency by method, route and status',
  labelNames: ['method', 'route', 'status'] as const, buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 120], registers: [registry],
});

export const computeSeconds = new Histogram({
  name: 'vrs_compute_seconds', help: 'Seconds a metric took to compute (this process computed it), by metric and outcome',
  labelNames: ['metric', 'outcome'] as const, buckets: [0.01, 0.05, 0.1, 0.5, 1, 2, 5, 10, 30, 60, 120, 300, 900], registers: [registry],
});

export const memoLookups = new Counter({
  name: 'vrs_memo_lookups_total', help: 'Memo lookups: hit (stored result) or miss (computed or queued)',
  labelNames: ['outcome'] as const, registers: [registry],
});

export const blobCacheLookups = new Counter({
  name: 'vrs_blob_cache_lookups_total', help: "A worker's map files by where they were found: hit (local cache), shared (shared folder), fetched (from the gateway)",
  labelNames: ['outcome'] as const, registers: [registry],
});

export const jobsByState = new Gauge({
  name: 'vrs_jobs', help: 'Jobs of the metric queue by state (created = queue depth)',
  labelNames: ['state'] as const, registers: [registry],
});

export const jobsHandled = new Counter({
  name: 'vrs_jobs_handled_total', help: 'Jobs this worker finished, by outcome (done, refused: bad input stored, failed: retried)',
  labelNames: ['outcome'] as const, registers: [registry],
});

/** Reads the queue's counts into the gauge just before a scrape. */
export async function metricsText(jobCounts?: () => Promise<Record<string, number>>): Promise<string> {
  if (jobCounts) {
    const counts = await jobCounts().catch(() => null);
    if (counts) for (const [state, n] of Object.entries(counts)) jobsByState.set({ state }, n);
  }
  return registry.metrics();
}
