/**
 * Points hashed into cubic cells, to ask "is any point within r of here?" in O(1) per query
 * (r no larger than the cell size). MapQ does the same with its `gridm.Grid` (3 Å cells).
 */

export class NeighbourGrid {
  private readonly min: [number, number, number];
  private readonly dims: [number, number, number];
  /** cellStart[c] … cellStart[c + 1] − 1 index `order`. */
  private readonly cellStart: Int32Array;
  private readonly order: Int32Array;

  /** `use(i)` false leaves point i out. */
  constructor(
    private readonly x: ArrayLike<number>,
    private readonly y: ArrayLike<number>,
    private readonly z: ArrayLike<number>,
    private readonly cell: number,
    use: (i: number) => boolean = () => true,
  ) {
    const n = x.length;
    const lo = [Infinity, Infinity, Infinity], hi = [-Infinity, -Infinity, -Infinity];
    const kept: number[] = [];
    for (let i = 0; i < n; i++) {
      if (!use(i)) continue;
      kept.push(i);
      const p = [x[i]!, y[i]!, z[i]!];
      for (let k = 0; k < 3; k++) {
        lo[k] = Math.min(lo[k]!, p[k]!);
        hi[k] = Math.max(hi[k]!, p[k]!);
      }
    }
    if (kept.length === 0) lo.fill(0), hi.fill(0);
    this.min = [lo[0]!, lo[1]!, lo[2]!];
    this.dims = [0, 1, 2].map((k) => Math.floor((hi[k]! - lo[k]!) / cell) + 1) as [number, number, number];
    const cells = this.dims[0] * this.dims[1] * this.dims[2];
    const cellOf = kept.map((i) => this.cellIndex(x[i]!, y[i]!, z[i]!));
    // counting sort of the points by cell
    this.cellStart = new Int32Array(cells + 1);
    for (const c of cellOf) this.cellStart[c + 1]!++;
    for (let c = 0; c < cells; c++) this.cellStart[c + 1]! += this.cellStart[c]!;
    const fill = this.cellStart.slice(0, cells);
    this.order = new Int32Array(kept.length);
    kept.forEach((i, k) => (this.order[fill[cellOf[k]!]!++] = i));
  }

  private cellIndex(px: number, py: number, pz: number): number {
    const [nx, ny] = this.dims;
    const cx = Math.floor((px - this.min[0]) / this.cell), cy = Math.floor((py - this.min[1]) / this.cell), cz = Math.floor((pz - this.min[2]) / this.cell);
    return cx + nx * (cy + ny * cz);
  }

  /** Indices of the points strictly closer than r (≤ the cell size) to (px, py, pz), into `out`. */
  within(px: number, py: number, pz: number, r: number, out: number[]): number[] {
    out.length = 0;
    this.visit(px, py, pz, r, (i) => {
      out.push(i);
      return false;
    });
    return out;
  }

  /** Whether a point lies strictly closer than r (≤ the cell size) to (px, py, pz). */
  anyWithin(px: number, py: number, pz: number, r: number): boolean {
    return this.visit(px, py, pz, r, () => true);
  }

  /** Calls `found` for each point closer than r until it answers true; whether it did. */
  private visit(px: number, py: number, pz: number, r: number, found: (i: number) => boolean): boolean {
    const [nx, ny, nz] = this.dims;
    const cx = Math.floor((px - this.min[0]) / this.cell), cy = Math.floor((py - this.min[1]) / this.cell), cz = Math.floor((pz - this.min[2]) / this.cell);
    const r2 = r * r;
    for (let z = Math.max(0, cz - 1); z <= Math.min(nz - 1, cz + 1); z++) {
      for (let y = Math.max(0, cy - 1); y <= Math.min(ny - 1, cy + 1); y++) {
        for (let x = Math.max(0, cx - 1); x <= Math.min(nx - 1, cx + 1); x++) {
          const c = x + nx * (y + ny * z);
          for (let k = this.cellStart[c]!; k < this.cellStart[c + 1]!; k++) {
            const i = this.order[k]!;
            const dx = this.x[i]! - px, dy = this.y[i]! - py, dz = this.z[i]! - pz;
            if (dx * dx + dy * dy + dz * dz < r2 && found(i)) return true;
          }
        }
      }
    }
    return false;
  }
}
