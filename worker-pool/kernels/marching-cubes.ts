/**
 * Marching cubes: the isosurface {V = level} of a voxel grid as an indexed triangle mesh.
 *
 * Pure kernel: reads a float32 grid (x fastest, index = x + nx·(y + ny·z)), returns typed
 * arrays. Vertices on a grid edge are shared by every cell touching that edge (so the mesh
 * is watertight inside the box and ~6× smaller than triangle soup). Positions are in Å
 * (index · voxelSize + origin), normals point out of the density (−∇V), and triangles wind
 * counter-clockwise seen from outside, so the signed volume of a closed surface is positive.
 *
 * `step` > 1 samples every step-th voxel: a 400³ map at step 3 is a 134³ grid, enough for a
 * figure and ~27× less work (the report needs pictures, not a measurement).
 * The case tables are the classic ones (P. Bourke), taken from three.js rather than copied.
 */
import { edgeTable, triTable } from 'three/examples/jsm/objects/MarchingCubes.js';
import type { Dims, Vec3 } from '../volume.js';

export interface Mesh {
  /** Å, xyz per vertex */
  positions: Float32Array;
  /** unit vectors, xyz per vertex, pointing out of the density */
  normals: Float32Array;
  /** three vertex indices per triangle */
  indices: Uint32Array;
}

export interface MarchingCubesOptions {
  /** sample every step-th voxel along each axis (default 1) */
  step?: number;
  /** Å per voxel (default 1) */
  voxelSize?: Vec3;
  /** Å, position of voxel (0,0,0) (default 0) */
  origin?: Vec3;
  /** compute the vertex normals (default true); without them `normals` is empty (an area or volume needs none) */
  normals?: boolean;
}

/** Corner offsets in Bourke's numbering (bit i of the case index = corner i below the level). */
const CORNERS: readonly [number, number, number][] = [
  [0, 0, 0], [1, 0, 0], [1, 1, 0], [0, 1, 0],
  [0, 0, 1], [1, 0, 1], [1, 1, 1], [0, 1, 1],
];
/** Edge → its two corners. */
const EDGES: readonly [number, number][] = [
  [0, 1], [1, 2], [3, 2], [0, 3], [4, 5], [5, 6], [7, 6], [4, 7], [0, 4], [1, 5], [2, 6], [3, 7],
];

/** Chooses a sampling step so that the sampled grid has at most `maxPerAxis` points per axis. */
export function stepForSize(dims: Dims, maxPerAxis = 160): number {
  return Math.max(1, Math.ceil(Math.max(dims.nx, dims.ny, dims.nz) / maxPerAxis));
}

/** The options' step, voxel size and origin with their defaults, and the sampled grid's sizes. */
function sampledGrid(dims: Dims, options: MarchingCubesOptions) {
  const s = Math.max(1, Math.floor(options.step ?? 1));
  const size = (n: number) => Math.floor((n - 1) / s) + 1;
  return {
    s,
    vs: options.voxelSize ?? { x: 1, y: 1, z: 1 },
    org: options.origin ?? { x: 0, y: 0, z: 0 },
    gx: size(dims.nx), gy: size(dims.ny), gz: size(dims.nz),
  };
}

export function marchingCubes(data: Float32Array, dims: Dims, level: number, options: MarchingCubesOptions = {}): Mesh {
  const { s, vs, org, gx, gy, gz } = sampledGrid(dims, options);
  const { nx, ny } = dims;
  const at = (i: number, j: number, k: number): number => data[i * s + nx * (j * s + ny * k * s)]!;

  const pos = new GrowableF32();
  const nrm = new GrowableF32();
  const idx = new GrowableU32();
  const plane = gx * gy;
  // vertex ids on the x-, y-edges of the two grid planes of the current cell layer, and its z-edges
  let xeA = new Int32Array(plane).fill(-1);
  let yeA = new Int32Array(plane).fill(-1);
  let xeB = new Int32Array(plane).fill(-1);
  let yeB = new Int32Array(plane).fill(-1);
  const ze = new Int32Array(plane);

  const grad = (i: number, j: number, k: number, out: number[]): void => {
    // central differences on the sampled grid (one-sided at the border), in value per Å
    const i0 = Math.max(0, i - 1), i1 = Math.min(gx - 1, i + 1);
    const j0 = Math.max(0, j - 1), j1 = Math.min(gy - 1, j + 1);
    const k0 = Math.max(0, k - 1), k1 = Math.min(gz - 1, k + 1);
    out[0] = i1 > i0 ? (at(i1, j, k) - at(i0, j, k)) / ((i1 - i0) * s * vs.x) : 0;
    out[1] = j1 > j0 ? (at(i, j1, k) - at(i, j0, k)) / ((j1 - j0) * s * vs.y) : 0;
    out[2] = k1 > k0 ? (at(i, j, k1) - at(i, j, k0)) / ((k1 - k0) * s * vs.z) : 0;
  };
  const ga = [0, 0, 0];
  const gb = [0, 0, 0];
  const withNormals = options.normals ?? true;
  const addVertex = (ia: number, ja: number, ka: number, ib: number, jb: number, kb: number, va: number, vb: number): number => {
    const t = va === vb ? 0.5 : (level - va) / (vb - va);
    const fx = ia + t * (ib - ia), fy = ja + t * (jb - ja), fz = ka + t * (kb - ka);
    pos.push3(org.x + fx * s * vs.x, org.y + fy * s * vs.y, org.z + fz * s * vs.z);
    if (!withNormals) return pos.length / 3 - 1;
    grad(ia, ja, ka, ga);
    grad(ib, jb, kb, gb);
    let nx_ = -(ga[0]! + t * (gb[0]! - ga[0]!));
    let ny_ = -(ga[1]! + t * (gb[1]! - ga[1]!));
    let nz_ = -(ga[2]! + t * (gb[2]! - ga[2]!));
    const len = Math.hypot(nx_, ny_, nz_) || 1;
    nx_ /= len; ny_ /= len; nz_ /= len;
    nrm.push3(nx_, ny_, nz_);
    return pos.length / 3 - 1;
  };

  const v = new Float64Array(8);
  const edgeVertex = new Int32Array(12);
  // each corner's offset in `data` from the cell's first corner: at(i + a, j + b, k + c) = data[cell + offset]
  const offset = Int32Array.from(CORNERS, ([a, b, c]) => s * (a + nx * (b + ny * c)));
  for (let k = 0; k < gz - 1; k++) {
    ze.fill(-1);
    for (let j = 0; j < gy - 1; j++) {
      const row = nx * (j * s + ny * k * s);
      for (let i = 0; i < gx - 1; i++) {
        const cell = i * s + row;
        let cube = 0;
        for (let c = 0; c < 8; c++) {
          const val = data[cell + offset[c]!]!;
          v[c] = val;
          if (val < level) cube |= 1 << c;
        }
        const bits = edgeTable[cube]!;
        if (bits === 0) continue;
        for (let e = 0; e < 12; e++) {
          if (!(bits & (1 << e))) continue;
          const [ca, cb] = EDGES[e]!;
          const a = CORNERS[ca]!, b = CORNERS[cb]!;
          const ia = i + a[0], ja = j + a[1], ka = k + a[2];
          // which shared slot holds this edge
          let store: Int32Array;
          let slot: number;
          if (a[2] !== b[2]) { store = ze; slot = ia + gx * ja; }
          else if (a[0] !== b[0]) { store = a[2] === 0 ? xeA : xeB; slot = ia + gx * ja; }
          else { store = a[2] === 0 ? yeA : yeB; slot = ia + gx * ja; }
          let id = store[slot]!;
          if (id < 0) {
            id = addVertex(ia, ja, ka, i + b[0], j + b[1], k + b[2], v[ca]!, v[cb]!);
            store[slot] = id;
          }
          edgeVertex[e] = id;
        }
        const cases = cube * 16;
        for (let t = 0; triTable[cases + t]! !== -1; t += 3) {
          // with "corner below the level" as the case bit, the table order winds counter-clockwise
          // seen from outside the density (the sphere test checks the volume's sign)
          idx.push3(edgeVertex[triTable[cases + t]!]!, edgeVertex[triTable[cases + t + 1]!]!, edgeVertex[triTable[cases + t + 2]!]!);
        }
      }
    }
    // the upper plane becomes the lower one of the next layer
    [xeA, xeB] = [xeB, xeA];
    [yeA, yeB] = [yeB, yeA];
    xeB.fill(-1);
    yeB.fill(-1);
  }
  return { positions: pos.toArray(), normals: nrm.toArray(), indices: idx.toArray() };
}

/**
 * Surface areas (Å²) of the isosurfaces at several levels, in one pass over the cells and
 * without building a mesh: each level's triangles are the ones marchingCubes would make (same
 * vertices, rounded to float32 as its mesh stores them, same order), each measured by the
 * same triangleArea as meshAreaVolume's, so every area equals meshAreaVolume(marchingCubes(…)).area to the
 * bit. A cell is read once for all levels (a level cuts it only between its lowest and highest
 * corner), and no vertex or index arrays are made (at noise-level contours a mesh is 150 MB).
 */
export function isosurfaceAreas(
  data: Float32Array, dims: Dims, levels: ArrayLike<number>,
  options: Omit<MarchingCubesOptions, 'normals'> & { progress?: (fraction: number) => void } = {},
): Float64Array {
  const { s, vs, org, gx, gy, gz } = sampledGrid(dims, options);
  const { nx, ny } = dims;
  const areas = new Float64Array(levels.length);
  const v = new Float64Array(8);
  // the cell's edge vertices, x y z per edge, in float32 as marchingCubes' mesh stores them
  const p = new Float32Array(36);
  const offset = Int32Array.from(CORNERS, ([a, b, c]) => s * (a + nx * (b + ny * c)));
  // per edge its two corners (EDGES), per corner its x, y, z offsets in the cell (CORNERS)
  const edgeA = Int32Array.from(EDGES, ([a]) => a), edgeB = Int32Array.from(EDGES, ([, b]) => b);
  const cornerX = Int32Array.from(CORNERS, (c) => c[0]), cornerY = Int32Array.from(CORNERS, (c) => c[1]), cornerZ = Int32Array.from(CORNERS, (c) => c[2]);
  for (let k = 0; k < gz - 1; k++) {
    for (let j = 0; j < gy - 1; j++) {
      const row = nx * (j * s + ny * k * s);
      // corners 1, 2, 5, 6 of a cell are corners 0, 3, 4, 7 of the next one along x
      v[1] = data[row + offset[0]!]!; v[2] = data[row + offset[3]!]!; v[5] = data[row + offset[4]!]!; v[6] = data[row + offset[7]!]!;
      for (let i = 0; i < gx - 1; i++) {
        const cell = i * s + row;
        v[0] = v[1]!; v[3] = v[2]!; v[4] = v[5]!; v[7] = v[6]!;
        v[1] = data[cell + offset[1]!]!; v[2] = data[cell + offset[2]!]!; v[5] = data[cell + offset[5]!]!; v[6] = data[cell + offset[6]!]!;
        let lo = v[0]!, hi = v[0]!;
        for (let c = 1; c < 8; c++) {
          const val = v[c]!;
          if (val < lo) lo = val;
          if (val > hi) hi = val;
        }
        for (let l = 0; l < levels.length; l++) {
          const level = levels[l]!;
          if (!(level > lo && level <= hi)) continue; // every corner on one side: no triangle
          let cube = 0;
          for (let c = 0; c < 8; c++) if (v[c]! < level) cube |= 1 << c;
          const bits = edgeTable[cube]!;
          for (let e = 0; e < 12; e++) {
            if (!(bits & (1 << e))) continue;
            // marchingCubes' addVertex: every edge runs towards +axis, so a grid edge gets the
            // same vertex from each of its cells
            const ca = edgeA[e]!, cb = edgeB[e]!;
            const va = v[ca]!, vb = v[cb]!;
            const t = va === vb ? 0.5 : (level - va) / (vb - va);
            const ia = i + cornerX[ca]!, ja = j + cornerY[ca]!, ka = k + cornerZ[ca]!;
            p[3 * e] = org.x + (ia + t * (i + cornerX[cb]! - ia)) * s * vs.x;
            p[3 * e + 1] = org.y + (ja + t * (j + cornerY[cb]! - ja)) * s * vs.y;
            p[3 * e + 2] = org.z + (ka + t * (k + cornerZ[cb]! - ka)) * s * vs.z;
          }
          const cases = cube * 16;
          for (let q = 0; triTable[cases + q]! !== -1; q += 3) {
            areas[l] += triangleArea(p, 3 * triTable[cases + q]!, 3 * triTable[cases + q + 1]!, 3 * triTable[cases + q + 2]!);
          }
        }
      }
    }
    options.progress?.((k + 1) / (gz - 1));
  }
  return areas;
}

/** Area of the triangle whose corners start at offsets a, b, c of `p` (x, y, z each). */
function triangleArea(p: Float32Array, a: number, b: number, c: number): number {
  const ux = p[b]! - p[a]!, uy = p[b + 1]! - p[a + 1]!, uz = p[b + 2]! - p[a + 2]!;
  const wx = p[c]! - p[a]!, wy = p[c + 1]! - p[a + 1]!, wz = p[c + 2]! - p[a + 2]!;
  const cx = uy * wz - uz * wy, cy = uz * wx - ux * wz, cz = ux * wy - uy * wx;
  return 0.5 * Math.hypot(cx, cy, cz);
}

/** Surface area (Å²) and enclosed volume (Å³, divergence theorem; exact for closed meshes). */
export function meshAreaVolume(mesh: Mesh): { area: number; volume: number } {
  const p = mesh.positions;
  const ix = mesh.indices;
  let area = 0;
  let vol = 0;
  for (let t = 0; t < ix.length; t += 3) {
    const a = ix[t]! * 3, b = ix[t + 1]! * 3, c = ix[t + 2]! * 3;
    area += triangleArea(p, a, b, c);
    // signed tetrahedron volume with the origin: a · (b × c) / 6
    vol += (p[a]! * (p[b + 1]! * p[c + 2]! - p[b + 2]! * p[c + 1]!)
      - p[a + 1]! * (p[b]! * p[c + 2]! - p[b + 2]! * p[c]!)
      + p[a + 2]! * (p[b]! * p[c + 1]! - p[b + 1]! * p[c]!)) / 6;
  }
  return { area, volume: vol };
}

/** Trilinear samples of a grid at the mesh vertices (e.g. a local-resolution map to colour the surface). */
export function sampleAtVertices(mesh: Mesh, data: Float32Array, dims: Dims, voxelSize: Vec3, origin: Vec3): Float32Array {
  const n = mesh.positions.length / 3;
  const out = new Float32Array(n);
  const { nx, ny, nz } = dims;
  for (let q = 0; q < n; q++) {
    const fx = clamp((mesh.positions[3 * q]! - origin.x) / voxelSize.x, nx - 1);
    const fy = clamp((mesh.positions[3 * q + 1]! - origin.y) / voxelSize.y, ny - 1);
    const fz = clamp((mesh.positions[3 * q + 2]! - origin.z) / voxelSize.z, nz - 1);
    const x0 = Math.min(Math.floor(fx), Math.max(0, nx - 2)), y0 = Math.min(Math.floor(fy), Math.max(0, ny - 2)), z0 = Math.min(Math.floor(fz), Math.max(0, nz - 2));
    const x1 = Math.min(x0 + 1, nx - 1), y1 = Math.min(y0 + 1, ny - 1), z1 = Math.min(z0 + 1, nz - 1);
    const tx = fx - x0, ty = fy - y0, tz = fz - z0;
    const g = (x: number, y: number, z: number) => data[x + nx * (y + ny * z)]!;
    const c00 = g(x0, y0, z0) * (1 - tx) + g(x1, y0, z0) * tx;
    const c10 = g(x0, y1, z0) * (1 - tx) + g(x1, y1, z0) * tx;
    const c01 = g(x0, y0, z1) * (1 - tx) + g(x1, y0, z1) * tx;
    const c11 = g(x0, y1, z1) * (1 - tx) + g(x1, y1, z1) * tx;
    out[q] = (c00 * (1 - ty) + c10 * ty) * (1 - tz) + (c01 * (1 - ty) + c11 * ty) * tz;
  }
  return out;
}

function clamp(v: number, hi: number): number {
  return v < 0 ? 0 : v > hi ? hi : v;
}

class GrowableF32 {
  private buf = new Float32Array(3 * 4096);
  length = 0;
  push3(a: number, b: number, c: number): void {
    if (this.length + 3 > this.buf.length) {
      const next = new Float32Array(this.buf.length * 2);
      next.set(this.buf);
      this.buf = next;
    }
    this.buf[this.length++] = a;
    this.buf[this.length++] = b;
    this.buf[this.length++] = c;
  }
  toArray(): Float32Array {
    return this.buf.slice(0, this.length);
  }
}

class GrowableU32 {
  private buf = new Uint32Array(3 * 8192);
  length = 0;
  push3(a: number, b: number, c: number): void {
    if (this.length + 3 > this.buf.length) {
      const next = new Uint32Array(this.buf.length * 2);
      next.set(this.buf);
      this.buf = next;
    }
    this.buf[this.length++] = a;
    this.buf[this.length++] = b;
    this.buf[this.length++] = c;
  }
  toArray(): Uint32Array {
    return this.buf.slice(0, this.length);
  }
}
