import { describe, expect, it } from 'vitest';
import { MetricRegistry, keyParamsOf, loadRegistry, type AnyMetric } from './registry.js';
import type { InputRole } from './types.js';

const def = (name: string, dependsOn: string[], keyParams: string[] = [], inputs?: InputRole[]): AnyMetric => ({
  name,
  version: '1',
  dependsOn,
  keyParams,
  ...(inputs ? { inputs } : {}),
  compute: () => null,
});

describe('MetricRegistry', () => {
  it('orders dependencies before the metric, each once', () => {
    const r = new MetricRegistry([def('masks', []), def('mass', ['masks']), def('bg', ['masks']), def('all', ['mass', 'bg'])]);
    expect(r.dependencyOrder('all')).toEqual(['masks', 'mass', 'bg', 'all']);
    expect(r.dependencyOrder('masks')).toEqual(['masks']);
  });

  it('rejects a cycle and an unknown metric with their codes', () => {
    const r = new MetricRegistry([def('a', ['b']), def('b', ['a']), def('c', ['zz'])]);
    expect(() => r.dependencyOrder('a')).toThrow(expect.objectContaining({ code: 'METRIC_CYCLE' }));
    expect(() => r.dependencyOrder('c')).toThrow(expect.objectContaining({ code: 'UNKNOWN_METRIC' }));
  });

  it('keeps only the key parameters, sorted, missing ones as null', () => {
    const m = def('bf', [], ['voxelSize', 'resolution', 'profile']);
    const key = keyParamsOf(m, { threshold: 1, resolution: undefined, voxelSize: 2.02, profile: 'standard' });
    expect(Object.keys(key)).toEqual(['profile', 'resolution', 'voxelSize']);
    expect(key).toEqual({ profile: 'standard', resolution: null, voxelSize: 2.02 });
  });

  it('the memo key roles of a metric: the non-map inputs it or any dependency (transitively) declares', () => {
    const r = new MetricRegistry([
      def('masks', []), def('fsc', ['masks'], [], ['map', 'half1', 'half2']), def('fit', [], [], ['model']),
      def('local', ['fsc']), def('both', ['local', 'fit'], [], ['map']),
    ]);
    expect(r.keyInputRoles('masks')).toEqual([]);
    expect(r.keyInputRoles('fsc')).toEqual(['half1', 'half2']);
    expect(r.keyInputRoles('local')).toEqual(['half1', 'half2']);
    expect(r.keyInputRoles('both')).toEqual(['half1', 'half2', 'model']);
    expect(() => new MetricRegistry([def('bad', [], [], ['halfmap' as InputRole])])).toThrow(expect.objectContaining({ code: 'UNKNOWN_METRIC' }));
  });

  it("every Level 0 metric reads only the map (its memo key holds no other input); Level 1's half-map metrics hold both halves; every Level A metric the model (A.b FSC-Q the halves too)", async () => {
    const r = await loadRegistry();
    expect(r.names().length).toBeGreaterThan(5);
    for (const name of r.names().filter((n) => n.startsWith('level0.'))) expect(r.keyInputRoles(name), name).toEqual([]);
    for (const name of ['level1.inputData', 'level1.globalResolution', 'level1.fscPermutation']) expect(r.keyInputRoles(name), name).toEqual(['half1', 'half2']);
    // the sections not available in this version read nothing: no half map is loaded for them
    for (const name of r.names().filter((n) => n.startsWith('levelA.'))) expect(r.keyInputRoles(name), name).toEqual(name === 'levelA.fscQ' ? ['half1', 'half2', 'model'] : ['model']);
    for (const name of ['level1.resMap', 'level1.monoDir', 'level1.fso']) expect(r.keyInputRoles(name), name).toEqual([]);
  });
});

describe('declared costs (CPU-seconds per million voxels, from the benches)', () => {
  it('every product metric declares one; the sections not available in this version cost nothing, every other metric something', async () => {
    const r = await loadRegistry();
    const notAvailable = ['level1.resMap', 'level1.monoDir', 'level1.fso'];
    for (const name of r.names()) {
      const cost = r.get(name).cost;
      expect(cost, name).toBeTypeOf('number');
      if (notAvailable.includes(name)) expect(cost, name).toBe(0);
      else expect(cost, name).toBeGreaterThan(0);
    }
    // the benches' order: 0.e local resolution and 1.e MonoRes are the dearest per voxel, 0.a mass the cheapest
    expect(r.get('level0.localResolution').cost).toBeGreaterThan(10 * r.get('level0.mass').cost!);
    expect(r.get('level1.monoRes').cost).toBeGreaterThan(r.get('level1.localFsc').cost!);
  });
});
