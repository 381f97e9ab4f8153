/**
 * The work budget charges estimated CPU-seconds (declared cost × the map's million voxels),
 * with the product registry's declared costs: a cheap section and an expensive one of the same
 * big map are charged what they take, and their task time limits differ the same way.
 */
import { describe, expect, it } from 'vitest';
import { loadRegistry, type MetricRegistry } from '../../worker-pool/metrics/registry.js';
import { taskTimeLimitMs, taskTimeLimitsFromEnv } from '../../worker-pool/pool.js';
import { fullValidationCost, WorkBudget, type UncomputedWork } from './work-budget.js';

/** The work of `metric` and its dependencies as the orchestrator lists it (nothing stored), keys tagged by `params`. */
function work(registry: MetricRegistry, mapId: string, metric: string, params = ''): UncomputedWork {
  return new Map(registry.dependencyOrder(metric).map((name) => [`${mapId}/${name}/${params}`, registry.get(name).cost!]));
}

const caught = (f: () => void): { code?: string; message?: string } => {
  try { f(); } catch (error) { return error as { code: string; message: string }; }
  return {};
};

describe('WorkBudget with the declared costs', () => {
  it('a cheap section (0.a mass) and an expensive one (0.e local resolution) of a 400³ map are charged their estimated CPU-seconds', async () => {
    const registry = await loadRegistry();
    const mv = 400 ** 3 / 1e6; // 64 million voxels
    const cost = (n: string) => registry.get(n).cost!;
    const a = new WorkBudget(fullValidationCost(registry));
    a.forMap(mv).charge(work(registry, 'm', 'level0.mass'), 'level0.mass', 'startLevel0');
    expect(a.spent).toBeCloseTo((cost('level0.mass') + cost('level0.masks')) * mv, 9);
    const b = new WorkBudget(fullValidationCost(registry));
    b.forMap(mv).charge(work(registry, 'm', 'level0.localResolution'), 'level0.localResolution', 'startLevel0');
    expect(b.spent).toBeCloseTo((cost('level0.localResolution') + cost('level0.masks')) * mv, 9);
    expect(b.spent).toBeGreaterThan(5 * a.spent);
    expect(a.limit).toBeCloseTo(fullValidationCost(registry) * mv, 9);

    // their task time limits: the cheap one gets the floor, the expensive one scales with the box
    const limits = taskTimeLimitsFromEnv({});
    expect(taskTimeLimitMs(cost('level0.mass'), 400 ** 3, limits)).toBe(limits.minMs);
    expect(taskTimeLimitMs(cost('level0.localResolution'), 400 ** 3, limits)).toBeCloseTo(limits.factor * cost('level0.localResolution') * mv * 1000, 6);
    expect(taskTimeLimitMs(cost('level0.localResolution'), 400 ** 3, limits)).toBeGreaterThan(10 * limits.minMs);
  });

  it('many aliases of the expensive section are refused long before as many of the cheap one', async () => {
    const registry = await loadRegistry();
    const full = fullValidationCost(registry);
    const fits = (metric: string) => {
      const budget = new WorkBudget(full).forMap(64);
      let n = 0;
      for (; n < 1000; n++) {
        const e = caught(() => budget.charge(work(registry, 'm', metric, `r${n}`), metric, 'startLevel0'));
        if (e.code) {
          expect(e.code).toBe('WORK_BUDGET_EXCEEDED');
          expect(e.message).toMatch(/startLevel0/);
          break;
        }
      }
      return n;
    };
    // each alias its own parameters: every one recomputes the metric and its dependency
    const perLocal = registry.get('level0.localResolution').cost! + registry.get('level0.masks').cost!;
    const perMass = registry.get('level0.mass').cost! + registry.get('level0.masks').cost!;
    expect(fits('level0.localResolution')).toBe(Math.floor(full / perLocal + 1e-9));
    expect(fits('level0.mass')).toBe(Math.floor(full / perMass + 1e-9));
    expect(fits('level0.mass')).toBeGreaterThan(5 * fits('level0.localResolution'));
  });

  it('the limit is one full validation of the largest map the request charged: a small map\'s work is cheap beside a big one\'s', async () => {
    const registry = await loadRegistry();
    const full = fullValidationCost(registry);
    const budget = new WorkBudget(full);
    const everything = (mapId: string) => {
      const w: UncomputedWork = new Map();
      for (const name of registry.names()) for (const [k, c] of work(registry, mapId, name)) w.set(k, c);
      return w;
    };
    // one full validation of a 100³ map fits exactly; one more section of another 1 Mvox map does not…
    budget.forMap(1).charge(everything('small'), 'small', 'startLevel0');
    expect(budget.spent).toBeCloseTo(full, 9);
    expect(caught(() => budget.forMap(1).charge(work(registry, 'other', 'level0.localResolution'), 'other', 'startLevel0')).code).toBe('WORK_BUDGET_EXCEEDED');
    // …but a section of a 400³ map raises the limit to that map's full validation, and fits beside it
    const local = registry.get('level0.localResolution').cost! + registry.get('level0.masks').cost!;
    budget.forMap(64).charge(work(registry, 'big', 'level0.localResolution'), 'big', 'startLevel0');
    expect(budget.limit).toBeCloseTo(full * 64, 9);
    expect(budget.spent).toBeCloseTo(full + local * 64, 6);
    // the big map's full validation on top of that is over it: the refusal charges nothing
    expect(caught(() => budget.forMap(64).charge(everything('big'), 'big', 'startLevel0')).code).toBe('WORK_BUDGET_EXCEEDED');
    expect(budget.spent).toBeCloseTo(full + local * 64, 6);
  });
});
