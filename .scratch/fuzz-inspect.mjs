import { fuzzInspect, describeCounts } from '/work/wt-i18/dist/e2e/fuzz/harness.js';
const t0 = Date.now();
const c = await fuzzInspect('/tmp/vrs-fuzz-scratch', 1, Number(process.argv[2] ?? 2000));
console.log(describeCounts('inspect', c), (Date.now() - t0) / 1000, 's');
for (const f of c.findings.slice(0, 10)) console.log(f.index, f.kind, f.what, f.detail.split('\n').slice(0, 4).join(' | '));
