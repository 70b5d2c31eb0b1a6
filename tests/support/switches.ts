// The failure switches, changed the way a test needs them: saved, then waited for until every
// worker process reports the new version. Workers read the switches through a short cache
// (lib/switches/store.ts), so a test that went on at once could meet a step run under the old ones.
import { liveProcesses } from '../../lib/switches/processes';
import type { Switches } from '../../lib/switches/settings';
import { forgetSwitches, readSwitches, saveSwitches } from '../../lib/switches/store';
import { commandRedis } from '../../lib/queue/redis';
import { eventually } from './shop';

export async function setSwitches(change: (s: Switches) => Switches): Promise<void> {
  forgetSwitches();
  const { value, version } = await readSwitches();
  const saved = await saveSwitches(change(value), version);
  if (!saved.ok) throw new Error('the switches changed under the test');
  await eventually('the workers to see the switches', async () => {
    const workers = (await liveProcesses(commandRedis())).filter((p) => p.role === 'workers');
    return workers.length > 0 && workers.every((p) => (p.seenVersion ?? 0) >= saved.value.version);
  });
}
