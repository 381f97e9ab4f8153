/**
 * The metric registry: name → definition (version, parameters that matter, dependencies,
 * compute). The same registry is built on the main side (the orchestrator needs versions,
 * keyParams and dependsOn to form memo keys) and in every worker (task.ts runs compute).
 * Extra metric modules (tests, plug-ins) are ES modules exporting `metrics: MetricDefinition[]`;
 * they are named by URL so that a worker thread can import them too.
 */
import { VrsError } from '../errors.js';
import { PRODUCT_LEVELS } from './catalogue.js';
import { isInputRole } from './inputs.js';
import { levelMetrics, type LevelDeclaration } from './levels.js';
import type { InputRole, MetricDefinition } from './types.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyMetric = MetricDefinition<unknown, any>;

export class MetricRegistry {
  readonly #byName = new Map<string, AnyMetric>();

  constructor(definitions: Iterable<AnyMetric> = []) {
    for (const d of definitions) this.register(d);
  }

  /** Adds a metric; a second definition of the same name replaces the first (tests override). */
  register(definition: AnyMetric): this {
    for (const role of definition.inputs ?? []) {
      if (!isInputRole(role)) throw new VrsError('UNKNOWN_METRIC', `Metric "${definition.name}" declares the input "${String(role)}"; the roles are map, half1, half2, mask, model.`);
    }
    this.#byName.set(definition.name, definition);
    return this;
  }

  has(name: string): boolean {
    return this.#byName.has(name);
  }

  get(name: string): AnyMetric {
    const d = this.#byName.get(name);
    if (!d) throw new VrsError('UNKNOWN_METRIC', `No metric named "${name}" is registered (known: ${this.names().join(', ') || 'none'}).`);
    return d;
  }

  names(): string[] {
    return [...this.#byName.keys()].sort();
  }

  /**
   * The metric's transitive dependencies in an order where each comes after what it needs,
   * ending with the metric itself. A cycle is a programming error (METRIC_CYCLE).
   */
  dependencyOrder(name: string): string[] {
    const order: string[] = [];
    const state = new Map<string, 'visiting' | 'done'>();
    const visit = (n: string, path: string[]): void => {
      const s = state.get(n);
      if (s === 'done') return;
      if (s === 'visiting') throw new VrsError('METRIC_CYCLE', `Metric dependency cycle: ${[...path, n].join(' → ')}.`);
      state.set(n, 'visiting');
      for (const dep of this.get(n).dependsOn) visit(dep, [...path, n]);
      state.set(n, 'done');
      order.push(n);
    };
    visit(name, []);
    return order;
  }

  /**
   * The non-map roles the metric or anything it depends on (transitively) reads, sorted: the
   * inputs whose SHA-256 go into its memo key. Empty for every Level 0 metric.
   */
  keyInputRoles(name: string): InputRole[] {
    const roles = new Set<InputRole>();
    for (const n of this.dependencyOrder(name)) for (const r of declaredInputs(this.get(n))) if (r !== 'map') roles.add(r);
    return [...roles].sort();
  }
}

/** The roles a metric reads itself (default: the map). */
export function declaredInputs(definition: AnyMetric): InputRole[] {
  return definition.inputs ?? ['map'];
}

/**
 * Only the parameters the metric declares in keyParams, keys sorted, undefined → null:
 * the canonical parameter object of its memo key. Two calls that differ in a parameter the
 * metric ignores (e.g. resolution for the masks) share one memo row.
 */
export function keyParamsOf(definition: AnyMetric, params: object): Record<string, unknown> {
  const all = params as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of [...definition.keyParams].map(String).sort()) out[k] = all[k] ?? null;
  return out;
}

interface MetricModule {
  metrics?: AnyMetric[];
  levels?: LevelDeclaration[];
}

/**
 * Imports metric modules (URLs or absolute file paths) exporting `metrics: MetricDefinition[]`
 * and/or `levels: LevelDeclaration[]` (a level's metrics are registered with it).
 */
export async function importMetricModules(urls: readonly string[]): Promise<AnyMetric[]> {
  const found: AnyMetric[] = [];
  for (const mod of await importModules(urls)) {
    found.push(...(mod.metrics ?? []), ...(mod.levels ?? []).flatMap((l) => levelMetrics(l) as AnyMetric[]));
  }
  return found;
}

async function importModules(urls: readonly string[]): Promise<MetricModule[]> {
  const mods: MetricModule[] = [];
  for (const url of urls) {
    const mod = (await import(url)) as MetricModule;
    if (!Array.isArray(mod.metrics) && !Array.isArray(mod.levels)) {
      throw new VrsError('UNKNOWN_METRIC', `Metric module ${url} exports neither "metrics" nor "levels".`);
    }
    mods.push(mod);
  }
  return mods;
}

/** The product's levels, then the levels of the extra modules (in their order). */
export async function loadLevels(extraModules: readonly string[] = []): Promise<LevelDeclaration[]> {
  return [...PRODUCT_LEVELS, ...(await importModules(extraModules)).flatMap((m) => m.levels ?? [])];
}

/** The product's metrics: every level's. */
function productMetrics(): AnyMetric[] {
  return PRODUCT_LEVELS.flatMap((l) => levelMetrics(l) as AnyMetric[]);
}

const cache = new Map<string, Promise<MetricRegistry>>();

/** The registry of the product's metrics plus the given extra modules (memoized per module list). */
export function loadRegistry(extraModules: readonly string[] = []): Promise<MetricRegistry> {
  const key = extraModules.join('\n');
  let p = cache.get(key);
  if (!p) {
    p = (async () => new MetricRegistry([...productMetrics(), ...(await importMetricModules(extraModules))]))();
    cache.set(key, p);
    p.catch(() => cache.delete(key));
  }
  return p;
}
