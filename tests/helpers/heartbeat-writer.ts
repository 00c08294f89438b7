// A child process for the crash test: beats as fast as it can on a real person file and prints the
// counted time after each beat is on disk. The parent kills it with SIGKILL at a random moment.
import { DEFAULT_SETTINGS } from '../../electron/core/model';
import { applyBeat, openStudy, policyFromSettings, shownMs } from '../../electron/core/study-time';
import { DataStore } from '../../electron/main/storage/data-store';

const dir = process.argv[2]!;
const p = policyFromSettings({ ...DEFAULT_SETTINGS, attentionChecks: false });
const store = DataStore.open(dir); // a lock left by the killed predecessor is taken over
const doc = store.person('E1');
const f = await doc.read();
let s = f.open.study ?? openStudy({ id: 's', campaignId: 'c', docId: 'd', now: 0, nowIso: '', policy: p, random01: 0 });
process.stdout.write(`ready ${shownMs(s)}\n`);
for (;;) {
  s = applyBeat(s, { visible: true, focused: true, interacted: true }, s.lastBeatAt + 15_000, p).session;
  const next = s;
  await doc.update((x) => {
    x.open.study = next;
  });
  process.stdout.write(`${shownMs(s)}\n`);
}
