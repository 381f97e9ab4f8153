/**
 * The layout of part of a half-complex spectrum (fft3d.ts): made by rfft3dRows, read by the
 * radial filters and the Fourier crop. A module of its own so that they share it without an
 * import cycle (the filters are below the FFT passes).
 */
/** Part of a spectrum of box d (rfft3dRows): the rows ky of `rows` and the first `columns` kx of every plane. */
export interface SpectrumRows {
  rows: Int32Array;
  columns: number;
}
