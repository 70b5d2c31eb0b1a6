// Every process the demo, the bench, the e2e server and these tests start must stop with its
// parent — also when the parent is killed and cannot stop anything itself. A parent (the fixture
// tests/support/tether-parent.ts) starts three children through scripts/lib/stack.ts: one under
// tsx (so with a grandchild), one plain, one that ignores SIGTERM. We kill the parent and watch
// each child's whole process group disappear.
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT, start } from '../../scripts/lib/stack';
import { eventually } from '../support/shop';

const GRACE_MS = 1_000;
const started: number[] = [];

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Starts the fixture parent as one process (no tsx wrapper in between) and reads its children. */
async function startParent(): Promise<{ parent: ChildProcess; groups: number[] }> {
  const parent = spawn(process.execPath, ['--import', 'tsx', 'tests/support/tether-parent.ts'], {
    cwd: ROOT,
    env: { ...process.env, TETHER_GRACE_MS: String(GRACE_MS) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const groups = await new Promise<number[]>((resolve, reject) => {
    let out = '';
    parent.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve((JSON.parse(line) as { groups: number[] }).groups);
    });
    parent.once('exit', (code) => reject(new Error(`the parent exited early (code ${code})`)));
  });
  started.push(...groups);
  return { parent, groups };
}

afterEach(() => {
  // Should the tether fail, do not leave the children to the next test.
  for (const pgid of started.splice(0)) if (groupAlive(pgid)) process.kill(-pgid, 'SIGKILL');
});

describe('children started through the stack stop with their parent', () => {
  for (const signal of ['SIGKILL', 'SIGTERM'] as const) {
    it(`when the parent is killed with ${signal}`, async () => {
      const { parent, groups } = await startParent();
      expect(groups).toHaveLength(3);
      for (const pgid of groups) expect(groupAlive(pgid)).toBe(true);

      const t0 = Date.now();
      parent.kill(signal);
      await eventually('every child process group to be gone', async () => groups.every((g) => !groupAlive(g)), 10_000);
      const seconds = (Date.now() - t0) / 1000;
      // The stubborn child takes the grace period and a little; the others go at once.
      expect(seconds).toBeLessThan(GRACE_MS / 1000 + 4);
    });
  }
});

describe('a program run the way Playwright runs its webServer', () => {
  it('stops its children itself, gracefully, when the runner is killed with SIGKILL', async () => {
    // The runner plays Playwright: it starts the command through a shell, as a group leader, with
    // a pipe on its stdin, and passes its output through. Then it dies without a word.
    const runner = spawn(
      process.execPath,
      [
        '-e',
        `const { spawn } = require('node:child_process');
         const c = spawn('npx tsx tests/support/tether-parent.ts --graceful', { shell: true, detached: true, stdio: ['pipe', 'inherit', 'inherit'] });
         process.stdout.write(JSON.stringify({ group: c.pid }) + '\\n');
         setInterval(() => {}, 1000);`,
      ],
      { cwd: ROOT, env: process.env, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    runner.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    const lines = () =>
      out
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as { group?: number; groups?: number[] });
    const { group, groups } = await eventually(
      'the program to start its children',
      async () => {
        const found = lines();
        const g = found.find((l) => l.group)?.group;
        const gs = found.find((l) => l.groups)?.groups;
        return g && gs ? { group: g, groups: gs } : null;
      },
      20_000,
    );
    started.push(group, ...groups);

    runner.kill('SIGKILL');
    await eventually('the program to say it stopped its children', async () => out.includes('stopped'), 10_000);
    await eventually('every process to be gone', async () => [group, ...groups].every((g) => !groupAlive(g)), 5_000);
  });
});

describe('a tethered process still behaves like the process itself', () => {
  it('passes on its exit code', async () => {
    const proc = start('exits-42', process.execPath, ['-e', 'process.exit(42)'], process.env, () => {});
    const code = await new Promise((resolve) => proc.child.once('exit', (c) => resolve(c)));
    expect(code).toBe(42);
  });

  it('dies of the signal sent to its group, and stop() ends the whole group', async () => {
    const idle = 'setInterval(() => {}, 1000)';
    const killed = start('killed', path.join(ROOT, 'node_modules/.bin/tsx'), ['-e', idle], process.env, () => {});
    const stopped = start('stopped', path.join(ROOT, 'node_modules/.bin/tsx'), ['-e', idle], process.env, () => {});
    started.push(killed.child.pid!, stopped.child.pid!);
    await eventually('both to run', async () => killed.alive() && stopped.alive());

    const exit = new Promise((resolve) => killed.child.once('exit', (_code, signal) => resolve(signal)));
    killed.kill('SIGKILL');
    expect(await exit).toBe('SIGKILL');
    await eventually('the killed group to be gone', async () => !killed.alive(), 5_000);

    await stopped.stop();
    await eventually('the stopped group to be gone', async () => !stopped.alive(), 5_000);
  });

  it('passes its output through, line by line', async () => {
    const lines: string[] = [];
    const proc = start('talker', process.execPath, ['-e', 'console.log("one"); console.error("two")'], process.env, (l) => lines.push(l));
    await new Promise((resolve) => proc.child.once('close', resolve));
    expect(lines.sort()).toEqual(['[talker] one', '[talker] two']);
  });
});
