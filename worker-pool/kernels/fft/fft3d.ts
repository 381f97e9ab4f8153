/**
 * 3D real-to-complex FFT and its inverse, any box size.
 *
 * Layout of a spectrum: [z][y][kx] complex interleaved (re, im) Float32Array, kx = 0 … floor(nx/2)
 * (`spectrumLength(d)` floats). Forward kernel exp(−2πi·(kx·x/nx + ky·y/ny + kz·z/nz)), as
 * numpy.fft.rfftn and FFTW. Normalisation is always explicit:
 *   'forward'  — forward divided by N = nx·ny·nz, inverse unscaled (Xmipp's convention, §4.1);
 *   'backward' — forward unscaled, inverse divided by N (numpy's default);
 *   'ortho'    — both divided by √N;  'none' — neither (inverse(forward(x)) = N·x).
 * Both directions are synchronous; with `threads` > 1 (default: the core count) and arrays on
 * SharedArrayBuffers, helper threads share the work (team.ts).
 */
import { VrsError } from '../../errors.js';
import { sharedBuffer } from '../memory/shared-memory.js';
import type { Dims } from '../../volume.js';
import { defaultEngineKind, type EngineKind } from './engines.js';
import { refOf, type PassJob } from './jobs.js';
import type { BoxedMask } from './boxed-mask.js';
import { halfX } from './rfft3d-core.js';
import type { SpectrumRows } from './spectrum-rows.js';
import { defaultThreads, runPass } from './team.js';

export type FftNormalization = 'forward' | 'backward' | 'ortho' | 'none';

export interface FftOptions {
  normalize: FftNormalization;
  /** Threads to use, the calling one included (default: number of cores). */
  threads?: number;
  /** Implementation (default: the fastest available). */
  engine?: EngineKind;
}

export interface ForwardFftOptions extends FftOptions {
  /**
   * Transform input·mask (same length as the input, or kept on its non-zero box: boxed-mask.ts):
   * the product is formed as each plane is read, with no pass of its own.
   */
  mask?: Float32Array | BoxedMask;
  /**
   * Only the coefficients inside this frequency radius are wanted (cycles per voxel, each axis's
   * frequency k/n by its own size; e.g. an FSC's last shell): z-columns with fx² + fy² ≥ radius²
   * are not transformed and come out zero; every other coefficient is exact.
   */
  radius?: number;
}

export interface InverseFftOptions extends FftOptions {
  /** Let the inverse use the spectrum as scratch (saves a copy; the spectrum is destroyed). */
  overwriteInput?: boolean;
}

/** Number of floats in the half-complex spectrum of a box. */
export function spectrumLength(d: Dims): number {
  return 2 * halfX(d.nx) * d.ny * d.nz;
}

/** A zero-filled spectrum array on a SharedArrayBuffer (huge pages when it can: ../memory). */
export function allocateSpectrum(d: Dims): Float32Array {
  return new Float32Array(sharedBuffer(spectrumLength(d) * 4));
}

function checkDims(d: Dims): void {
  for (const k of ['nx', 'ny', 'nz'] as const) {
    if (!Number.isInteger(d[k]) || d[k] < 1) throw new VrsError('BAD_PARAMETER', `FFT box dimension ${k} must be a positive integer, got ${d[k]}.`);
  }
}

function checkSpectrum(spectrum: Float32Array, d: Dims): void {
  if (spectrum.length !== spectrumLength(d)) throw new VrsError('BAD_PARAMETER', `FFT spectrum must have ${spectrumLength(d)} floats for the box ${d.nx}×${d.ny}×${d.nz}, got ${spectrum.length}.`);
}

function scales(n: FftNormalization, N: number): { fwd: number; inv: number } {
  switch (n) {
    case 'forward': return { fwd: 1 / N, inv: 1 };
    case 'backward': return { fwd: 1, inv: 1 / N };
    case 'ortho': return { fwd: 1 / Math.sqrt(N), inv: 1 / Math.sqrt(N) };
    case 'none': return { fwd: 1, inv: 1 };
    default: throw new VrsError('BAD_PARAMETER', `FFT normalize must be 'forward', 'backward', 'ortho' or 'none', got ${String(n)}.`);
  }
}

/** Forward real-to-complex transform of `input` (nx·ny·nz floats) into `out` (allocated if absent). */
export function rfft3d(input: Float32Array, d: Dims, options: ForwardFftOptions, out?: Float32Array): Float32Array {
  checkDims(d);
  const N = d.nx * d.ny * d.nz;
  if (input.length !== N) throw new VrsError('BAD_PARAMETER', `FFT input has ${input.length} values but the box ${d.nx}×${d.ny}×${d.nz} needs ${N}.`);
  const spec = out ?? allocateSpectrum(d);
  if (spec.length !== spectrumLength(d)) throw new VrsError('BAD_PARAMETER', `FFT output must have ${spectrumLength(d)} floats, got ${spec.length}.`);
  const { fwd } = scales(options.normalize, N);
  const threads = options.threads ?? defaultThreads();
  const engine = options.engine ?? defaultEngineKind();
  const mask = options.mask && maskJob(options.mask, d);
  runPass({ op: 'forwardPlane', engine, dims: d, a: refOf(input), b: refOf(spec), ...mask, sign: -1, scale: 1, total: d.nz }, threads);
  runPass({ op: 'column', engine, dims: d, a: refOf(spec), b: refOf(spec), sign: -1, scale: fwd, total: d.ny, radius: options.radius }, threads);
  return spec;
}

/** Inverse complex-to-real transform of `spectrum` into `out` (nx·ny·nz floats, allocated if absent). */
export function irfft3d(spectrum: Float32Array, d: Dims, options: InverseFftOptions, out?: Float32Array): Float32Array {
  checkDims(d);
  const N = d.nx * d.ny * d.nz;
  checkSpectrum(spectrum, d);
  const real = out ?? new Float32Array(sharedBuffer(N * 4));
  if (real.length !== N) throw new VrsError('BAD_PARAMETER', `FFT output must have ${N} floats, got ${real.length}.`);
  const { inv } = scales(options.normalize, N);
  const threads = options.threads ?? defaultThreads();
  const engine = options.engine ?? defaultEngineKind();
  const work = options.overwriteInput ? spectrum : allocateSpectrum(d);
  runPass({ op: 'column', engine, dims: d, a: refOf(spectrum), b: refOf(work), sign: 1, scale: 1, total: d.ny }, threads);
  runPass({ op: 'inversePlane', engine, dims: d, a: refOf(work), b: refOf(real), sign: 1, scale: inv, total: d.nz }, threads);
  return real;
}

/**
 * Some of rfft3d's coefficients without its whole spectrum: the rows ky of `part.rows` and the
 * first `part.columns` kx (a multiple of 4, or all of them) of every plane, for every kz, as (nz × rows.length × columns) complex values
 * ([kz][row][kx], interleaved). The planes are transformed in rounds of IN_PLACE_PLANES, their
 * kept rows copied, and only the kept columns transformed along z, by the same engine passes as
 * rfft3d: the same values to the bit (fft3d.test.ts). For a Fourier crop (resample.ts): at 400³
 * to 160³ it holds 42 MB instead of 258 MB and transforms 16 % of the columns.
 */
export function rfft3dRows(input: Float32Array, d: Dims, part: SpectrumRows, options: ForwardFftOptions): Float32Array {
  const { rows, columns } = part;
  checkDims(d);
  const N = d.nx * d.ny * d.nz;
  if (input.length !== N) throw new VrsError('BAD_PARAMETER', `FFT input has ${input.length} values but the box ${d.nx}×${d.ny}×${d.nz} needs ${N}.`);
  const nkx = halfX(d.nx), R = rows.length, K = columns;
  // the wasm engine transforms lines four at a time and a last odd few one by one, and its generic
  // radix (factors above 5) rounds those differently: with whole fours (or every column) each
  // kept column is transformed as rfft3d transforms it
  if (!(Number.isInteger(K) && K >= 1 && K <= nkx && (K % 4 === 0 || K === nkx)) || rows.some((y) => !(y >= 0 && y < d.ny))) {
    throw new VrsError('BAD_PARAMETER', `rfft3dRows: columns must be a multiple of 4 up to ${nkx}, or ${nkx}, and rows 0..${d.ny - 1}.`);
  }
  const { fwd } = scales(options.normalize, N);
  const threads = options.threads ?? defaultThreads();
  const engine = options.engine ?? defaultEngineKind();
  const out = new Float32Array(sharedBuffer(2 * K * R * d.nz * 4));
  const plane = 2 * nkx * d.ny, realPlane = d.nx * d.ny;
  const perRound = Math.min(IN_PLACE_PLANES, d.nz);
  const planes = new Float32Array(sharedBuffer(perRound * plane * 4));
  for (let z0 = 0; z0 < d.nz; z0 += perRound) {
    const count = Math.min(perRound, d.nz - z0);
    const a = input.subarray(z0 * realPlane, (z0 + count) * realPlane), b = planes.subarray(0, count * plane);
    runPass({ op: 'forwardPlane', engine, dims: { ...d, nz: count }, a: refOf(a), b: refOf(b), sign: -1, scale: 1, total: count }, threads);
    for (let p = 0; p < count; p++)
      for (let r = 0; r < R; r++) {
        const from = p * plane + 2 * nkx * rows[r]!;
        out.set(planes.subarray(from, from + 2 * K), 2 * K * (r + R * (z0 + p)));
      }
  }
  // the kept part as a spectrum of K columns (halfX(2K − 2) = K) and R rows: its column pass is rfft3d's on those columns
  const kept: Dims = { nx: Math.max(1, 2 * K - 2), ny: R, nz: d.nz };
  runPass({ op: 'column', engine, dims: kept, a: refOf(out), b: refOf(out), sign: -1, scale: fwd, total: R }, threads);
  return out;
}

/** Planes copied aside per round of rfft3dInPlace / irfft3dInPlace (10 MB at 400²). */
const IN_PLACE_PLANES = 16;

/**
 * rfft3d of the real map held in the first nx·ny·nz floats of `spectrum` (a spectrum-size array,
 * allocateSpectrum), transformed in that buffer: no second box-size array. Bit for bit rfft3d's
 * values. Complex plane z lies at or after real plane z, so the planes are transformed from the
 * last round to the first, each round's real planes copied aside before any is overwritten.
 */
export function rfft3dInPlace(spectrum: Float32Array, d: Dims, options: FftOptions): Float32Array {
  checkDims(d);
  const N = d.nx * d.ny * d.nz;
  checkSpectrum(spectrum, d);
  const { fwd } = scales(options.normalize, N);
  const threads = options.threads ?? defaultThreads();
  const engine = options.engine ?? defaultEngineKind();
  const complexPlane = spectrumLength({ ...d, nz: 1 }), realPlane = d.nx * d.ny;
  const perRound = Math.min(IN_PLACE_PLANES, d.nz);
  const aside = new Float32Array(sharedBuffer(perRound * realPlane * 4));
  for (let end = d.nz; end > 0; end -= perRound) {
    const z0 = Math.max(0, end - perRound), planes = end - z0;
    const copy = aside.subarray(0, planes * realPlane);
    copy.set(spectrum.subarray(z0 * realPlane, end * realPlane));
    const out = new Float32Array(spectrum.buffer, spectrum.byteOffset + z0 * complexPlane * 4, planes * complexPlane);
    runPass({ op: 'forwardPlane', engine, dims: { ...d, nz: planes }, a: refOf(copy), b: refOf(out), sign: -1, scale: 1, total: planes }, threads);
  }
  const spec = refOf(spectrum);
  runPass({ op: 'column', engine, dims: d, a: spec, b: spec, sign: -1, scale: fwd, total: d.ny }, threads);
  return spectrum;
}

/**
 * irfft3d written into the spectrum's own buffer: the result is a view of its first nx·ny·nz
 * floats (the spectrum is destroyed), so no box-size output is allocated. Bit for bit irfft3d's
 * values. Real plane z lies before complex plane z (a real row is shorter than a complex one), so
 * writing planes z0…z1 overwrites only complex planes ≤ z1: the planes of each round are copied
 * aside first and transformed from the copy, both threads at once, and later rounds' planes are
 * never touched before they are read.
 */
export function irfft3dInPlace(spectrum: Float32Array, d: Dims, options: FftOptions): Float32Array {
  checkDims(d);
  const N = d.nx * d.ny * d.nz;
  checkSpectrum(spectrum, d);
  const { inv } = scales(options.normalize, N);
  const threads = options.threads ?? defaultThreads();
  const engine = options.engine ?? defaultEngineKind();
  const spec = refOf(spectrum);
  runPass({ op: 'column', engine, dims: d, a: spec, b: spec, sign: 1, scale: 1, total: d.ny }, threads);
  const complexPlane = spectrumLength({ ...d, nz: 1 }), realPlane = d.nx * d.ny;
  const perRound = Math.min(IN_PLACE_PLANES, d.nz);
  const aside = new Float32Array(sharedBuffer(perRound * complexPlane * 4));
  for (let z0 = 0; z0 < d.nz; z0 += perRound) {
    const planes = Math.min(perRound, d.nz - z0);
    const copy = aside.subarray(0, planes * complexPlane);
    copy.set(spectrum.subarray(z0 * complexPlane, (z0 + planes) * complexPlane));
    const out = new Float32Array(spectrum.buffer, spectrum.byteOffset + z0 * realPlane * 4, planes * realPlane);
    runPass({ op: 'inversePlane', engine, dims: { ...d, nz: planes }, a: refOf(copy), b: refOf(out), sign: 1, scale: inv, total: planes }, threads);
  }
  return new Float32Array(spectrum.buffer, spectrum.byteOffset, N);
}

/**
 * `spectrum` ← rfft3d(mask · irfft3d(spectrum)), in place, with the same normalisation both ways:
 * the inverse's planes are multiplied by the mask and transformed back one plane at a time, so
 * no real box is allocated or written, and planes where the mask is zero cost nothing (their
 * spectrum plane is zero before the last column pass). `radius` as rfft3d's, for the forward half.
 * Relion's phase-randomised masked FSC uses it.
 */
export function maskedRoundTrip(spectrum: Float32Array, d: Dims, mask: Float32Array | BoxedMask, options: FftOptions & Pick<ForwardFftOptions, 'radius'>): Float32Array {
  checkDims(d);
  const N = d.nx * d.ny * d.nz;
  checkSpectrum(spectrum, d);
  const m = maskJob(mask, d);
  const { fwd, inv } = scales(options.normalize, N);
  const threads = options.threads ?? defaultThreads();
  const engine = options.engine ?? defaultEngineKind();
  const spec = refOf(spectrum);
  runPass({ op: 'column', engine, dims: d, a: spec, b: spec, sign: 1, scale: 1, total: d.ny }, threads);
  runPass({ op: 'roundTripPlane', engine, dims: d, a: spec, b: spec, ...m, sign: 1, scale: inv, total: d.nz }, threads);
  runPass({ op: 'column', engine, dims: d, a: spec, b: spec, sign: -1, scale: fwd, total: d.ny, radius: options.radius }, threads);
  return spectrum;
}

/** A pass's mask fields for a whole mask or a boxed one (checked against the box). */
function maskJob(mask: Float32Array | BoxedMask, d: Dims): Pick<PassJob, 'mask' | 'maskBox'> {
  const N = d.nx * d.ny * d.nz;
  if (mask instanceof Float32Array) {
    if (mask.length !== N) throw new VrsError('BAD_PARAMETER', `FFT mask has ${mask.length} values but the box needs ${N}.`);
    return { mask: refOf(mask) };
  }
  const [x0, x1, y0, y1, z0, z1] = mask.box;
  const inside = 0 <= x0 && x0 <= x1 && x1 <= d.nx && 0 <= y0 && y0 <= y1 && y1 <= d.ny && 0 <= z0 && z0 <= z1 && z1 <= d.nz;
  if (!inside || mask.data.length !== (x1 - x0) * (y1 - y0) * (z1 - z0)) {
    throw new VrsError('BAD_PARAMETER', `FFT boxed mask [${mask.box.join(', ')}) with ${mask.data.length} values does not fit the box ${d.nx}×${d.ny}×${d.nz}.`);
  }
  return { mask: refOf(mask.data), maskBox: mask.box };
}

export { boxMask, type BoxedMask } from './boxed-mask.js';
export { shutdownFftThreads } from './team.js';
