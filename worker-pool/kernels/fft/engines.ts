/** One engine (workspace + plan caches) per kind and per thread, created on first use. */
import { TsEngine, type FftEngine } from './engine.js';

export type EngineKind = 'ts' | 'wasm';

const engines = new Map<EngineKind, FftEngine>();

export function engineFor(kind: EngineKind): FftEngine {
  let e = engines.get(kind);
  if (!e) {
    if (kind === 'wasm') throw new Error('the WASM FFT engine is not available');
    e = new TsEngine();
    engines.set(kind, e);
  }
  return e;
}

export function defaultEngineKind(): EngineKind {
  return 'ts';
}
