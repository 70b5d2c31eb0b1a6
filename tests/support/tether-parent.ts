// A parent for tests/integration/tether.test.ts: starts long-running children the way the demo,
// the bench and the e2e server do (scripts/lib/stack.ts start()), prints their process group ids
// as one JSON line, then idles until it is killed. It never stops its children itself: whatever
// stops them after the test kills this process is the tether.
//
// With --graceful it behaves like the e2e server under Playwright instead: when its own stdin
// (a pipe from its parent) closes, it stops its children itself and exits.
import path from 'node:path';
import { ROOT, start, stopWhenParentGoes } from '../../scripts/lib/stack';

const graceful = process.argv.includes('--graceful');
const idle = 'setInterval(() => {}, 1000)';
const quiet = () => {};
const procs = [
  // tsx runs the program in a grandchild, as it does for the relay and the workers.
  start('under-tsx', path.join(ROOT, 'node_modules/.bin/tsx'), ['-e', idle], process.env, quiet),
  start('plain', process.execPath, ['-e', idle], process.env, quiet),
];
// Ignores SIGTERM: only the tether's SIGKILL after its grace period stops it.
if (!graceful) procs.push(start('stubborn', process.execPath, ['-e', `process.on('SIGTERM', () => {}); ${idle}`], process.env, quiet));

if (graceful) {
  const watching = stopWhenParentGoes(() => {
    void Promise.all(procs.map((p) => p.stop())).then(() => {
      process.stdout.write('stopped\n');
      process.exit(0);
    });
  });
  if (!watching) throw new Error('--graceful needs a pipe on stdin');
}

// A moment for tsx to start its grandchild, so the test sees whole groups.
setTimeout(() => {
  process.stdout.write(`${JSON.stringify({ pid: process.pid, groups: procs.map((p) => p.child.pid) })}\n`);
}, 1_500);
setInterval(() => {}, 1_000);
