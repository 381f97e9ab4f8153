/** One engine (workspace + plan caches) per kind and per thread, created on first use. */
import { TsEngine, type FftEngine } from './engine.js';
import { WasmEngine } from './wasm-engine.js';

export type EngineKind = 'ts' | 'wasm';

const engines = new Map<EngineKind, FftEngine>();

export function engineFor(kind: EngineKind): FftEngine {
  let e = engines.get(kind);
  if (!e) {
    e = kind === 'wasm' ? new WasmEngine() : new TsEngine();
    engines.set(kind, e);
  }
  return e;
}

let wasmWorks: boolean | undefined;

/** WASM when this runtime can instantiate it (WebAssembly SIMD), else TypeScript. */
export function defaultEngineKind(): EngineKind {
  if (wasmWorks === undefined) {
    try {
      engineFor('wasm');
      wasmWorks = true;
    } catch {
      wasmWorks = false;
    }
  }
  return wasmWorks ? 'wasm' : 'ts';
}
