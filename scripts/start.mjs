// npm start: build the web app when its sources are newer than the build, then run the server.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const web = 'packages/web';
const dist = join(web, 'dist', 'index.html');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

const sources = Math.max(newestMtime(join(web, 'src')), newestMtime('packages/core/src'), statSync(join(web, 'index.html')).mtimeMs);
if (!existsSync(dist) || statSync(dist).mtimeMs < sources) {
  console.log('构建网页 / building the web app …');
  const build = spawnSync('npm', ['run', 'build', '-w', '@hongyi/web'], { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
const bundle = spawnSync(process.execPath, ['scripts/build-server.mjs'], { stdio: 'inherit' });
if (bundle.status !== 0) process.exit(bundle.status ?? 1);
const server = spawnSync(process.execPath, ['--enable-source-maps', 'packages/server/dist/main.js'], { stdio: 'inherit' });
process.exit(server.status ?? 0);
