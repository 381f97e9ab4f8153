/**
 * Dumps every tube match of the 0.h test set (steps 1–3 of 0.h, before any constant of the vote
 * applies) as JSON, for hand-tune.py, which chooses the vote's constants on the tuning
 * resolutions and reports the held-out ones:
 *   node dist/worker-pool/testing/hand-set-dump.js /tmp/hand-set.json
 *   python3 worker-pool/testing/hand-tune.py /tmp/hand-set.json
 * and for hand-gates.py (issue 15: can a gate tell β-only 1hpv from helical maps?), with each
 * tube's geometry and the map's grid:
 *   /usr/bin/python3 worker-pool/testing/hand-gates.py /tmp/hand-set.json
 */
import { writeFileSync } from 'node:fs';
import { handMatches } from '../metrics/level0/hand/compute.js';
import { HAND_SET_MODELS, handSetCases } from './hand-maps.js';

const out: unknown[] = [];
for (const { file } of HAND_SET_MODELS)
  for (const c of handSetCases(file)) {
    const { matches, guinierSlope } = handMatches(c.volume, { threshold: c.threshold, resolution: c.resolution, voxelSize: c.volume.voxelSize.x });
    const tubes = matches.map(({ segment, ...m }) => ({ ...m, length: segment.length, centre: segment.centre, axis: segment.axis, points: segment.points }));
    // the grid (origin, voxel size, nz) lets hand-gates.py put each tube back in the model's frame (mirror: z flipped)
    const grid = { origin: c.volume.origin, voxelSize: c.volume.voxelSize.x, nz: c.volume.nz };
    out.push({ model: file, helices: c.helices, resolution: c.resolution, noise: c.noise, mirror: c.mirror, guinierSlope, grid, tubes });
  }
writeFileSync(process.argv[2] ?? 'hand-set.json', JSON.stringify(out));
