/**
 * The file Piscina loads in each pool thread. Piscina loads its task file with require(), and on
 * Node ≥ 20.19 require() of an ES module (task.js) takes the require(esm) path, which can meet a
 * module of the same graph still being loaded by import() and abort the whole process: "FATAL
 * ERROR: v8::Module::IsGraphAsync must be used on an instantiated module" from Piscina's
 * worker.js (seen in two full test runs as "Worker forks emitted error … Worker exited
 * unexpectedly"). So Piscina requires this CommonJS file instead, and it loads task.js with
 * import(), the asynchronous loader, once per thread.
 */
import type { MetricTaskInput, MetricTaskOutput } from './task-protocol.js';

type RunTask = (task: MetricTaskInput) => Promise<MetricTaskOutput>;

let loaded: Promise<RunTask> | undefined;

function runMetricTask(task: MetricTaskInput): Promise<MetricTaskOutput> {
  loaded ??= import('./task.js').then((m) => m.default);
  return loaded.then((run) => run(task));
}

export = runMetricTask;
