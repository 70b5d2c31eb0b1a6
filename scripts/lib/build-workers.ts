// The relay and worker processes run as plain JavaScript, bundled by esbuild into dist/workers/:
// `tsx` compiles TypeScript in the running process, which costs each of them about 35 MB of
// memory and their first seconds of CPU. Our own code (lib/, the generated Prisma client, the
// "@/" alias) is bundled; packages in node_modules stay external and load as usual.
//
// `npm run build:workers` builds; the demo, the benchmark, the fault suite, the e2e server and the
// integration tests build through `buildWorkersIfStale()` before they start a process, which does
// nothing when dist/ is newer than every source file. Files are written to a temporary name and
// renamed, so two test files building at once never start a half-written bundle.
import { existsSync, mkdirSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const WORKERS_DIST = path.join(ROOT, 'dist/workers');
export const RELAY_JS = path.join(WORKERS_DIST, 'relay.js');
export const WORKERS_JS = path.join(WORKERS_DIST, 'main.js');

const SOURCES = ['lib', 'workers', 'tsconfig.json', 'package.json'];

function newestMtime(p: string): number {
  const stat = statSync(p);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs; // a deleted or renamed file changes its directory
  for (const entry of readdirSync(p)) {
    if (entry === 'node_modules' || entry.endsWith('.test.ts')) continue;
    newest = Math.max(newest, newestMtime(path.join(p, entry)));
  }
  return newest;
}

function isStale(): boolean {
  if (!existsSync(RELAY_JS) || !existsSync(WORKERS_JS)) return true;
  const built = Math.min(statSync(RELAY_JS).mtimeMs, statSync(WORKERS_JS).mtimeMs);
  return SOURCES.some((s) => existsSync(path.join(ROOT, s)) && newestMtime(path.join(ROOT, s)) > built);
}

export function buildWorkers(): void {
  const result = buildSync({
    absWorkingDir: ROOT,
    entryPoints: { main: 'workers/main.ts', relay: 'workers/relay.ts' },
    outdir: WORKERS_DIST,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    tsconfig: 'tsconfig.json',
    sourcemap: 'linked',
    // Bundled CommonJS (none of ours today) would call require(); give ESM one.
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    logLevel: 'warning',
    write: false,
  });
  mkdirSync(WORKERS_DIST, { recursive: true });
  // Maps first, then the code, so a bundle is never newer than what it points at.
  const files = [...result.outputFiles].sort((a, b) => Number(b.path.endsWith('.map')) - Number(a.path.endsWith('.map')));
  for (const file of files) {
    const temporary = `${file.path}.${process.pid}.tmp`;
    writeFileSync(temporary, file.contents);
    renameSync(temporary, file.path);
  }
}

/** Builds dist/workers unless it is newer than every source file; true when it built. */
export function buildWorkersIfStale(): boolean {
  if (!isStale()) return false;
  buildWorkers();
  return true;
}

// `tsx scripts/lib/build-workers.ts [--if-stale]` (npm run build:workers; the start:* scripts pass --if-stale).
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const t0 = performance.now();
  if (process.argv.includes('--if-stale') && !buildWorkersIfStale()) process.exit(0);
  if (!process.argv.includes('--if-stale')) buildWorkers();
  process.stdout.write(`built ${path.relative(ROOT, WORKERS_DIST)}/{main,relay}.js in ${Math.round(performance.now() - t0)} ms\n`);
}
