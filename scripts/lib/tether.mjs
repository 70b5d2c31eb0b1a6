// The tether: `node scripts/lib/tether.mjs <command> [args…]` runs the command and makes it
// die with whoever started the tether, however that one dies — SIGKILL included, which no
// handler in the parent can catch.
//
// How: the parent (scripts/lib/stack.ts) starts this wrapper as the leader of a new process
// group, with a pipe on its stdin. The wrapper never reads anything meaningful from that pipe; it
// waits for its end. The kernel closes the parent's end when the parent exits for any reason, so
// end-of-file here means "the parent is gone": the wrapper then sends SIGTERM to its whole group
// (the command and whatever the command started — tsx runs the real program in a grandchild),
// and SIGKILL after a grace period if anything is still there.
//
// The command runs in the wrapper's group, so a signal the parent sends to the group reaches
// every process directly, as before the tether existed. A signal sent to the wrapper alone
// (kill <pid>) is passed on to the command. When the command exits, the wrapper exits the same
// way (same code, or the same signal), so a supervisor reading the exit sees the program's own.
//
// Plain JavaScript, no dependencies: it must start without tsx, and quickly.
import { spawn } from 'node:child_process';

// As long as stop() in stack.ts and a worker's own shutdown (workers/support/process.ts) wait.
const GRACE_MS = Number(process.env.TETHER_GRACE_MS ?? 10_000);
const [command, ...args] = process.argv.slice(2);
if (!command) {
  process.stderr.write('usage: node tether.mjs <command> [args…]\n');
  process.exit(2);
}

let abandoned = false;

// Our own group: the parent started us with `detached`, so we lead a group whose id is our pid.
const signalGroup = (signal) => {
  try {
    process.kill(-process.pid, signal);
  } catch {
    // nothing left to signal
  }
};

const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit'] });

child.once('error', (error) => {
  process.stderr.write(`tether: cannot start ${command}: ${error.message}\n`);
  process.exit(127);
});

child.once('exit', (code, signal) => {
  if (abandoned) {
    // Nobody is waiting for an exit status; make sure nothing of the group outlives us.
    signalGroup('SIGKILL');
  }
  if (signal) {
    // Die of the same signal, so the parent sees it. Our own handlers would otherwise catch it.
    process.removeAllListeners(signal);
    process.kill(process.pid, signal);
    // A signal that does not end a process by default (none we expect): exit plainly instead.
    setTimeout(() => process.exit(128), 100).unref();
    return;
  }
  process.exit(code ?? 1);
});

for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) {
  process.on(signal, () => {
    // Sent to the group, the command got this too; sent to us alone, it did not. Passing it on
    // is harmless in the first case (our programs treat a second stop signal as the first).
    if (!abandoned && child.exitCode === null && child.signalCode === null) child.kill(signal);
  });
}

const abandon = () => {
  if (abandoned) return;
  abandoned = true;
  signalGroup('SIGTERM');
  setTimeout(() => signalGroup('SIGKILL'), GRACE_MS).unref();
};

process.stdin.on('end', abandon);
process.stdin.on('close', abandon);
process.stdin.on('error', abandon);
process.stdin.resume();
