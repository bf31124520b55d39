// No runtime import cycle anywhere in server/, shared/ or client/: a module in a cycle cannot be
// loaded, read or tested on its own, and load order inside the cycle decides which of its exports
// are still undefined. Type-only imports are erased at run time and do not count.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importCycles, runtimeImportGraph, runtimeSpecifiers, sourceFiles } from './import-graph.ts';

const REPO = process.cwd();

describe('the import graph of the repository', () => {
  it('has no runtime import cycle in server/, shared/ or client/', () => {
    const files = sourceFiles(REPO, ['server', 'shared', 'client']);
    expect(files.length).toBeGreaterThan(50);
    const rel = (f: string): string => path.relative(REPO, f);
    const cycles = importCycles(runtimeImportGraph(files)).map(
      (c) => `${c.path.map(rel).join(' → ')}  (${c.members.length} files in the cycle: ${c.members.map(rel).join(', ')})`,
    );
    expect(cycles, `runtime import cycles:\n${cycles.join('\n')}`).toEqual([]);
  });
});

describe('the cycle finder', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'import-cycles-'));
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
  const write = (name: string, text: string): void => {
    fs.mkdirSync(path.dirname(path.join(tmp, name)), { recursive: true });
    fs.writeFileSync(path.join(tmp, name), text);
  };

  it('counts value imports, re-exports, side-effect and dynamic imports, not type-only ones', () => {
    const text = [
      "import type { A } from './type-only.ts';",
      "import { type B, type C } from './all-specifiers-typed.ts';",
      "export type { D } from './type-reexport.ts';",
      "import { e, type F } from './value.ts';",
      "import g from './default.ts';",
      "import * as h from './namespace.ts';",
      "import './side-effect.ts';",
      "export { i } from './reexport.ts';",
      "export * from './star.ts';",
      "const j = await import('./dynamic.ts');",
      "import { z } from 'zod';",
    ].join('\n');
    expect(runtimeSpecifiers('x.ts', text)).toEqual([
      './value.ts', './default.ts', './namespace.ts', './side-effect.ts', './reexport.ts', './star.ts', './dynamic.ts', 'zod',
    ]);
  });

  it('reports a value cycle as a path and ignores a cycle closed only by a type import', () => {
    write('a/one.ts', "import { two } from './two.ts';\nexport const one = two + 1;\n");
    write('a/two.ts', "import { three } from '../b/three.ts';\nexport const two = three;\n");
    write('b/three.ts', "import { one } from '../a/one.ts';\nexport const three = () => one;\n");
    write('c/left.ts', "import type { Right } from './right.ts';\nexport type Left = { r: Right };\nexport const left = 1;\n");
    write('c/right.tsx', "import { left } from './left.ts';\nexport type Right = number;\nexport const right = left;\n");
    write('d/self.ts', "import { self } from './self.ts';\nexport const me = self;\nexport const self = 1;\n");
    const cycles = importCycles(runtimeImportGraph(sourceFiles(tmp, ['a', 'b', 'c', 'd'])))
      .map((c) => c.path.map((f) => path.relative(tmp, f)));
    expect(cycles).toEqual([
      ['a/one.ts', 'a/two.ts', 'b/three.ts', 'a/one.ts'],
      ['d/self.ts', 'd/self.ts'],
    ]);
  });
});
