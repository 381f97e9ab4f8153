import { afterEach, describe, expect, it, vi } from 'vitest';
import { enableTimings, memoryMiB, phase } from './timings.js';

describe('phase timings', () => {
  afterEach(() => {
    enableTimings(false);
    vi.restoreAllMocks();
  });

  it('off: runs the phase and prints nothing', async () => {
    enableTimings(false);
    const write = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    expect(await phase('x', () => 42)).toBe(42);
    expect(write).not.toHaveBeenCalled();
  });

  it('on: one line per phase, also when it throws, with its CPU time and the memory peak', async () => {
    enableTimings(true);
    const lines: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (lines.push(String(chunk)), true));
    const spin = () => {
      const end = process.cpuUsage().user + 50_000; // 50 ms of CPU
      while (process.cpuUsage().user < end);
    };
    await phase('busy', async () => spin());
    await expect(phase('fails', () => Promise.reject(new Error('no')))).rejects.toThrow('no');
    expect(lines).toHaveLength(2);
    const busy = /^vrs: timing busy +wall +([\d.]+) s cpu ([\d.]+) s · ends at [\d.]+ s · rss (\d+) MiB, peak (\d+) MiB\n$/.exec(lines[0]!);
    expect(busy).not.toBeNull();
    expect(Number(busy![2])).toBeGreaterThanOrEqual(0.04);
    expect(Number(busy![4])).toBeGreaterThanOrEqual(Number(busy![3]));
    expect(lines[1]).toMatch(/^vrs: timing fails /);
    const m = memoryMiB();
    expect(m.hwm).toBeGreaterThanOrEqual(m.rss);
    expect(m.rss).toBeGreaterThan(10);
  });
});
