/** Names of the job queue's schema and queues (pg-boss), shared by the migration and the queue. */
export const JOB_SCHEMA = 'vrs_jobs';
/** One job per memo key (its singleton key is the memo key's digest). */
export const METRIC_QUEUE = 'vrs-metric';
/** Where a job that failed every retry is copied (its error is stored in its memo row too). */
export const METRIC_DEAD_QUEUE = 'vrs-metric-dead';
