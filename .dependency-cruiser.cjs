/**
 * The architecture of Atlas COTRI, as import rules. `npm run lint` runs this file (dependency-cruiser), so an
 * import that breaks a rule fails CI. Read it as the map of the code: each layer, from the bottom up, and what
 * it may use. Type-only imports count too: a layer that needs another layer's types depends on it.
 *
 *   src/lib      tiny helpers with no app knowledge (seeded random…)            may import: nothing of ours
 *   src/geo      geometry kernels (commune index, rings, point on surface)      may import: lib
 *   src/io       file formats: CSV, WKT, GeoJSON, zip, shapefile, CRS, text     may import: geo, lib
 *                encodings, CNIG schema, project file + workspace document
 *   src/domain   the rules of each module, and the adapters between import     may import: io, geo, lib
 *                tables / files and domain records
 *   src/schema   runtime checks of untrusted documents (project file, stored    may import: domain, io, geo, lib
 *                sections); its frame schemas (frame.ts, issues.ts) import only
 *                valibot and io/project, so io and storage read documents with them
 *   src/storage  IndexedDB persistence of the workspace document                may import: io, geo, lib,
 *                                                                               schema/frame
 *   src/workers  web workers running domain/io code off the main thread        may import: domain, io, geo, lib
 *   src/state    the zustand store                                             may import: domain, io, schema,
 *                                                                               storage, workers, geo, lib
 *   src/map      the only code touching MapLibre                               may import: domain, io, geo, lib
 *   src/ui       React panels                                                  may import: everything above
 *   src/cli, src/server  headless entry points (Node)                          may import: domain, io, schema,
 *                                                                               geo, lib (server: cli too)
 *   scripts/     data build, sample generators, benchmarks (bench may measure ui/map code)
 *
 * Plus: no import cycles anywhere, and app code never imports build scripts or test files.
 */

/** Everything under src/ except the listed layers (a path regex for `to.path`). */
const srcExcept = (...allowed) => `^src/(?!(${allowed.join('|')})/)[^/]+/`;
/** The document frame schemas: shared by io, storage and schema (see frame-schemas-stay-low below). */
const FRAME_SCHEMAS = '^src/schema/(frame|issues)\\.ts$';
/** Test files, and the test helpers kept beside the code they feed (`testData.ts`, `testSessions.ts`). */
const TESTS = '(\\.(test|e2e)\\.tsx?|/test[A-Z][A-Za-z]*\\.ts)$';

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'No runtime import cycles: a cycle makes load order fragile and the layers meaningless. Cycles closed ' +
        'only by type imports are erased at build time and allowed (zustand slices typing the whole store).',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'lib-is-a-leaf',
      severity: 'error',
      comment: 'src/lib holds generic helpers: they know nothing of the app, so they import no other layer.',
      from: { path: '^src/lib/' },
      to: { path: '^(src/(?!lib/)|scripts/|test/)' },
    },
    {
      name: 'geo-is-a-kernel',
      severity: 'error',
      comment:
        'src/geo holds the geometry kernels shared by io and domain; it imports only lib (tests may use fixtures).',
      from: { path: '^src/geo/' },
      to: { path: srcExcept('geo', 'lib') },
    },
    {
      name: 'io-imports-no-other-layer',
      severity: 'error',
      comment:
        'src/io reads and writes formats. It knows no domain record, store, storage, UI, map or worker: ' +
        'adapters from import tables to domain records (and back to files) live in src/domain.',
      from: { path: '^src/io/' },
      to: { path: srcExcept('io', 'geo', 'lib'), pathNot: FRAME_SCHEMAS },
    },
    {
      name: 'domain-is-pure',
      severity: 'error',
      comment:
        'src/domain is the rules, runnable in the browser, a worker, the CLI and the server alike: it may use ' +
        'io, geo and lib, never the store, storage, UI, map, workers or the entry points.',
      from: { path: '^src/domain/' },
      to: { path: srcExcept('domain', 'io', 'geo', 'lib') },
    },
    {
      name: 'schema-checks-documents-only',
      severity: 'error',
      comment: 'src/schema validates untrusted documents against domain types; it runs headless too.',
      from: { path: '^src/schema/' },
      to: { path: srcExcept('schema', 'domain', 'io', 'geo', 'lib') },
    },
    {
      name: 'storage-persists-documents-only',
      severity: 'error',
      comment: 'src/storage saves the workspace document (defined in io/project); it knows no store or UI.',
      from: { path: '^src/storage/' },
      to: { path: srcExcept('storage', 'io', 'geo', 'lib'), pathNot: FRAME_SCHEMAS },
    },
    {
      name: 'frame-schemas-stay-low',
      severity: 'error',
      comment:
        'The document frame schemas (src/schema/frame.ts, issues.ts) are read by io and storage: they may use ' +
        'io and lib only, so that those layers never reach domain code through them.',
      from: { path: FRAME_SCHEMAS },
      to: { path: srcExcept('io', 'lib'), pathNot: FRAME_SCHEMAS },
    },
    {
      name: 'workers-run-domain-code',
      severity: 'error',
      comment: 'Web workers run domain and io code; they cannot reach the store, the map or React.',
      from: { path: '^src/workers/' },
      to: { path: srcExcept('workers', 'domain', 'io', 'geo', 'lib') },
    },
    {
      name: 'state-below-ui-and-map',
      severity: 'error',
      comment: 'The zustand store holds data and choices; panels and the map read it, never the reverse.',
      from: { path: '^src/state/' },
      to: { path: srcExcept('state', 'domain', 'io', 'schema', 'storage', 'workers', 'geo', 'lib') },
    },
    {
      name: 'map-below-ui',
      severity: 'error',
      comment:
        'src/map builds layer specs from domain data and syncs them to MapLibre; it is given its data, so it ' +
        'imports neither the UI nor the store.',
      from: { path: '^src/map/' },
      to: { path: srcExcept('map', 'domain', 'io', 'geo', 'lib') },
    },
    {
      name: 'headless-entry-points',
      severity: 'error',
      comment:
        'The CLI and the server run in Node: domain, io and schema code only (the server may reuse the CLI, and sends the app\'s CSP from security/csp.ts).',
      from: { path: '^src/(cli|server)/' },
      to: {
        path: srcExcept('cli', 'server', 'domain', 'io', 'schema', 'geo', 'lib'),
        pathNot: '^src/security/csp\\.ts$',
      },
    },
    {
      name: 'app-does-not-import-scripts',
      severity: 'error',
      comment: 'scripts/ are build and benchmark tools; app code must not need them (tests may use the generators).',
      from: { path: '^src/', pathNot: TESTS },
      to: { path: '^scripts/' },
    },
    {
      name: 'app-does-not-import-tests',
      severity: 'error',
      comment: 'Test files and test fixtures are for tests only.',
      from: { path: '^(src|scripts)/', pathNot: TESTS },
      to: { path: `(^test/|${TESTS})` },
    },
    {
      name: 'scripts-stay-headless',
      severity: 'error',
      comment:
        'Build scripts and generators run in Node: no UI, store or map (benchmarks may measure them; the ' +
        "hostile corpus and the CLI = app parity test run the import worker's headless API, src/workers/importApi.ts, as the app does).",
      from: { path: '^scripts/', pathNot: '^scripts/(bench/|hostile/engine\\.ts$|parity/)' },
      to: { path: '^src/(ui|state|map|workers|storage)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist)/' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.json'] },
  },
};
