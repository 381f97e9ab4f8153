/** The 3D view reads the mesh file the worker pool writes (encodeMesh), byte for byte. */
import { describe, expect, it } from 'vitest';
import { encodeMesh } from '../../worker-pool/metrics/level0/isosurface.js';
import { decodeMesh } from './viewer';

describe('dashboard mesh reader', () => {
  it('decodes what the pool encodes, and refuses a file that is not a mesh', () => {
    const mesh = {
      positions: new Float32Array([0, 0, 0, 1.5, 0, 0, 0, 2.25, 0, 0, 0, 3]),
      normals: new Float32Array([0, 0, 1, 0, 0, 1, 0, 0, 1, 1, 0, 0]),
      indices: new Uint32Array([0, 1, 2, 0, 2, 3]),
    };
    const bytes = encodeMesh(mesh);
    const decoded = decodeMesh(bytes.slice().buffer);
    expect(Array.from(decoded.positions)).toEqual(Array.from(mesh.positions));
    expect(Array.from(decoded.normals)).toEqual(Array.from(mesh.normals));
    expect(Array.from(decoded.indices)).toEqual(Array.from(mesh.indices));
    expect(() => decodeMesh(new Uint8Array(32).buffer)).toThrow(/not a VRS mesh/);
  });
});
