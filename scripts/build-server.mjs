// Bundles the server (and @hongyi/core) into packages/server/dist/main.js, leaving npm packages
// external, so production starts without compiling TypeScript at run time.
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';

const pkg = JSON.parse(readFileSync('packages/server/package.json', 'utf8'));
const external = Object.keys(pkg.dependencies ?? {}).filter((name) => !name.startsWith('@hongyi/'));
await build({
  entryPoints: ['packages/server/src/main.ts'],
  outfile: 'packages/server/dist/main.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  external: [...external, ...external.map((name) => `${name}/*`)],
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  logLevel: 'warning',
});
