// A child process for the crash test: beats as fast as it can on a real person file and prints the
// counted time after each beat is kept. Beats go the way the app's do (study-only updates, which a
// lowdb folder keeps in its study journal); every fifth change is an ordinary update of the file
// (as an essay autosave would be), so both ways of keeping are cut by the kill. The parent kills it
// with SIGKILL at a random moment.
import { DEFAULT_SETTINGS } from '../../electron/core/model';
import { applyBeat, openStudy, policyFromSettings, shownMs } from '../../electron/core/study-time';
import { DataStore } from '../../electron/main/storage/lowdb/data-store';

const dir = process.argv[2]!;
const p = policyFromSettings({ ...DEFAULT_SETTINGS, attentionChecks: false });
const store = DataStore.open(dir); // a lock left by the killed predecessor is taken over; its journal is replayed
// small checkpoints, so kills also land while person files are being caught up
store.checkpointBytes = 4096;
if (DataStore.looksEmpty(dir)) await store.meta.update(() => undefined);
const doc = store.person('E1');
const f = await doc.read();
let s = f.open.study;
if (!s) {
  const started = openStudy({ id: 's', campaignId: 'c', docId: 'd', now: 0, nowIso: '', policy: p, random01: 0 });
  await doc.update((x) => {
    x.open.study = started;
  });
  s = started;
}
process.stdout.write(`ready ${shownMs(s)}\n`);
for (let n = 1; ; n++) {
  s = applyBeat(s, { visible: true, focused: true, interacted: true }, s.lastBeatAt + 15_000, p).session;
  const next = s;
  if (n % 5 === 0) {
    await doc.update((x) => {
      x.open.study = next;
      x.open.positions = { 'd/notes': { ratio: n / 1e6, at: '' } };
    });
  } else {
    await doc.updateStudy((x) => {
      x.open.study = next;
    });
  }
  process.stdout.write(`${shownMs(s)}\n`);
}
