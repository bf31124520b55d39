// Lint rules that keep the layers honest: the engine and shared code stay pure (no I/O, no wall
// clock), and every layer imports only downward (the table `LAYERS` below, one block per folder).
// The runtime import graph as a whole is checked for cycles by tests/unit/import-cycles.test.ts.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const noWallClock = [
  { selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']", message: 'Use the engine PRNG: the engine must be deterministic.' },
  { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'No wall clock in the engine: use sim time.' },
  { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'No wall clock in the engine: use sim time.' },
  { selector: "CallExpression[callee.object.name='performance'][callee.property.name='now']", message: 'No wall clock in the engine.' },
];

// ---- one-way layers ---------------------------------------------------------------------------
// Specifiers are matched as written: a relative path that climbs out of the importing folder and
// into a named one (`../store/x.ts`, `../../../server/api/x.ts`). Each folder gets a single block
// because a later block replaces an earlier one's options for the same rule, it never adds to them.

const SERVER_FOLDERS = ['engine', 'geo', 'hazards', 'scenario', 'metrics', 'batch', 'report', 'store', 'api', 'cli', 'files'];

/** An import that climbs into one of these server folders (or into client/). */
const into = (folders, message, allowTypeImports = false) => ({
  regex: `^(\\.\\./)+(server/)?(${folders.join('|')})(/|$)`,
  message,
  ...(allowTypeImports ? { allowTypeImports: true } : {}),
});
const intoClient = { regex: '^(\\.\\./)+client(/|$)', message: 'Only the board imports the board: share code through shared/.' };
const NO_IO = { group: ['node:*', 'fs', 'path', 'http', 'net', 'express', 'socket.io', 'better-sqlite3', 'bullmq', 'piscina', 'redis', 'echarts', 'react', 'react-dom', 'leaflet'], message: 'The engine and shared code do no I/O and know no transport, storage or rendering.' };
const NO_SERVER_PACKAGES = { group: ['node:*', 'fs', 'path', 'http', 'net', 'express', 'socket.io', 'better-sqlite3', 'bullmq', 'piscina', 'redis'], message: 'The board runs in the browser: no server or Node packages.' };
const above = (layer) => `${layer} imports only downward; this folder sits above it.`;

/** Folder → the import patterns it may not use. Folders not listed here are the top (api, cli). */
const LAYERS = [
  { files: ['shared/**/*.{ts,tsx}'], patterns: [
    NO_IO,
    { regex: '^(\\.\\./)+(server|client)(/|$)', message: 'shared/ imports nothing from server/ or client/: both sides import it.' },
  ] },
  { files: ['server/files/**/*.ts'], patterns: [
    into(SERVER_FOLDERS.filter((f) => f !== 'files'), 'server/files (reading data files, their errors) is below every other server folder.'),
    intoClient,
  ] },
  { files: ['server/engine/**/*.ts'], patterns: [
    NO_IO,
    into(['api', 'store', 'cli', 'scenario', 'metrics', 'batch', 'report', 'files'], 'Imports point one way: the engine knows nothing of transport, storage, files, scenarios or reports.'),
    into(['geo', 'hazards'], 'The engine is handed its travel and hazard models through its ports; it imports their types only.', true),
    intoClient,
  ] },
  { files: ['server/geo/**/*.ts', 'server/hazards/**/*.ts'], patterns: [
    into(['scenario', 'metrics', 'store', 'api', 'cli', 'batch', 'report'], 'geo and hazards are models below the scenario layer: they are handed what they need.'),
    into(['engine'], 'geo and hazards implement the engine\'s ports (types only); they never call into the engine.', true),
    intoClient,
  ] },
  { files: ['server/scenario/**/*.ts'], patterns: [
    into(['api', 'store', 'cli', 'batch', 'report', 'metrics'], above('server/scenario')),
    intoClient,
  ] },
  { files: ['server/metrics/**/*.ts'], patterns: [
    into(['engine'], 'Metrics are folds over the event log: shared types and events only, never the engine.'),
    into(['store', 'api', 'cli', 'batch', 'report'], above('server/metrics')),
    intoClient,
  ] },
  { files: ['server/store/**/*.ts'], patterns: [
    into(['api', 'engine', 'cli', 'batch', 'report'], 'The store keeps events and snapshots; it knows nothing of the engine or transport.'),
    intoClient,
  ] },
  { files: ['server/batch/**/*.ts'], patterns: [into(['api', 'cli'], above('server/batch')), intoClient] },
  { files: ['server/report/**/*.ts'], patterns: [into(['api', 'cli'], above('server/report')), intoClient] },
  { files: ['server/api/**/*.ts'], patterns: [into(['cli'], above('server/api')), intoClient] },
  { files: ['server/cli/**/*.ts'], patterns: [intoClient] },
  { files: ['client/**/*.{ts,tsx}'], ignores: ['client/vite.config.ts'], patterns: [
    NO_SERVER_PACKAGES,
    { regex: '^(\\.\\./)+(server|seeds|scenarios|tests)(/|$)', message: 'The board imports only shared/ and its own files.' },
  ] },
];

const layerBlocks = LAYERS.map(({ files, ignores, patterns }) => ({
  files,
  ...(ignores ? { ignores } : {}),
  rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns }] },
}));

export default tseslint.config(
  { ignores: ['node_modules/**', 'data/**', 'dist/**', 'client/dist/**', 'test-artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      // `import { type A }` stays in the output as `import {}` under verbatimModuleSyntax, a runtime
      // import the cycle test would not see: write `import type { A }` instead.
      '@typescript-eslint/no-import-type-side-effects': 'error',
    },
  },
  {
    files: ['server/engine/**/*.ts', 'shared/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-syntax': ['error', ...noWallClock],
    },
  },
  ...layerBlocks,
);
