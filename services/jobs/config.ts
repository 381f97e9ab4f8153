/** The job queue's settings, from the environment (README: "Many machines"). */
import { envMillis } from '../store/config.js';

export interface QueueSettings {
  /** Retries of a failed or expired job before it is dead (VRS_JOB_RETRIES, default 2). */
  retryLimit: number;
  /** First retry delay, s; doubled each retry (VRS_JOB_RETRY_DELAY_S, default 5). */
  retryDelaySeconds: number;
  /** A job active this long without finishing is expired and retried elsewhere (VRS_JOB_EXPIRE_S, default 900). */
  expireSeconds: number;
  /** How often pg-boss looks for expired jobs, s (VRS_JOB_MAINTENANCE_S, default 30). */
  maintenanceSeconds: number;
  /** How often an idle worker asks for a job, s (VRS_JOB_POLL_S, default 1; NOTIFY-free). */
  pollSeconds: number;
}

function envNumber(name: string, fallback: number, min: number, env: NodeJS.ProcessEnv): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min) throw new Error(`${name} must be a number ≥ ${min} (got "${raw}").`);
  return n;
}

export function queueSettings(env: NodeJS.ProcessEnv = process.env): QueueSettings {
  return {
    retryLimit: Math.floor(envNumber('VRS_JOB_RETRIES', 2, 0, env)),
    retryDelaySeconds: Math.floor(envNumber('VRS_JOB_RETRY_DELAY_S', 5, 0, env)),
    expireSeconds: Math.floor(envNumber('VRS_JOB_EXPIRE_S', 900, 1, env)),
    maintenanceSeconds: Math.floor(envNumber('VRS_JOB_MAINTENANCE_S', 30, 1, env)),
    pollSeconds: envNumber('VRS_JOB_POLL_S', 1, 0.5, env),
  };
}

/** How often a gateway waiting for a job re-reads its memo row (LISTEN/NOTIFY wakes it earlier). */
export const waitPollMs = (env: NodeJS.ProcessEnv = process.env): number => envMillis('VRS_JOB_WAIT_POLL_MS', 1000, env);
