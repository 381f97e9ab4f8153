import { gzipSync } from 'node:zlib';
import { writeMrc } from '/work/wt-i18/dist/worker-pool/io/mrc/write.js';
import { UploadHeadCheck } from '/work/wt-i18/dist/services/maps/upload-head.js';
const n = 128;
const data = new Float32Array(n * n * n).map((_, i) => (i % 101 === 0 ? 1 : 0));
const bomb = gzipSync(writeMrc({ nx: n, ny: n, nz: n, data, voxelSize: { x: 1, y: 1, z: 1 }, origin: { x: 0, y: 0, z: 0 } }));
console.log(bomb.length, n**3*4/1032);
const h = new UploadHeadCheck({ declaredBytes: bomb.length, maxDecompressedBytes: 6e6, onRefused: (e) => console.log('refused', e.code, e.message) });
h.push(bomb);
