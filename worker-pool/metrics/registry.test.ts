import { describe, expect, it } from 'vitest';
import { MetricRegistry, keyParamsOf, type AnyMetric } from './registry.js';

const def = (name: string, dependsOn: string[], keyParams: string[] = []): AnyMetric => ({
  name,
  version: '1',
  dependsOn,
  keyParams,
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
});
