// Lint rules that keep the layers honest: the engine and shared code stay pure (no I/O, no wall
// clock, no transport or storage imports), and shared/ never reaches into server/ or client/.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const noWallClock = [
  { selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']", message: 'Use the engine PRNG: the engine must be deterministic.' },
  { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'No wall clock in the engine: use sim time.' },
  { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'No wall clock in the engine: use sim time.' },
  { selector: "CallExpression[callee.object.name='performance'][callee.property.name='now']", message: 'No wall clock in the engine.' },
];

export default tseslint.config(
  { ignores: ['node_modules/**', 'data/**', 'dist/**', 'client/dist/**', 'test-artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['server/engine/**/*.ts', 'shared/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-syntax': ['error', ...noWallClock],
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['node:*', 'fs', 'path', 'express', 'socket.io*', 'better-sqlite3', 'http', 'net'], message: 'The engine and shared code do no I/O.' },
          { group: ['**/server/api/**', '**/server/store/**', '**/api/**', '**/store/**', '**/cli/**'], message: 'Imports point one way: engine knows nothing of transport or storage.' },
        ],
      }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['**/server/**', '**/client/**', 'node:*', 'fs', 'path'], message: 'shared/ imports nothing from server or client, and does no I/O.' },
        ],
      }],
    },
  },
);
