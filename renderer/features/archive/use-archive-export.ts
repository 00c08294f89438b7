// The people to export, chosen with ticks (searched by name, number, department or team), and the
// one export for the choice: one person's file at once, to download here; several, one .zip made
// in the background by a batch job.
import { useState } from 'react';
import type { Person } from '../../../electron/core/model';
import type { AnxueClient, ExportResult } from '../../../electron/shared/api';

export function useArchiveExport(client: Pick<AnxueClient, 'archive.exportPerson' | 'archive.batchStart'>, people: readonly Person[], o: { onExported: () => void; onError: (e: unknown) => void }) {
  const [q, setQ] = useState('');
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [last, setLast] = useState<(ExportResult & { employeeNo: string }) | null>(null);
  const [busy, setBusy] = useState(false);
  // one person's file of one calendar year ('' : every year); a batch always holds every year
  const [year, setYear] = useState('');
  // counts the batches started here: the batch panel is keyed by it, so it shows the new job
  const [batches, setBatches] = useState(0);

  const shown = people.filter((p) => !q || p.name.includes(q) || p.employeeNo.includes(q) || p.dept.includes(q) || p.team.includes(q));
  const allShown = shown.length > 0 && shown.every((p) => chosen.has(p.employeeNo));
  const toggle = (no: string) => setChosen((s) => (s.has(no) ? new Set([...s].filter((x) => x !== no)) : new Set([...s, no])));
  const toggleShown = () => setChosen((s) => (allShown ? new Set([...s].filter((x) => !shown.some((p) => p.employeeNo === x))) : new Set([...s, ...shown.map((p) => p.employeeNo)])));

  async function exportChosen() {
    setBusy(true);
    o.onError(null);
    setLast(null);
    try {
      const nos = [...chosen];
      if (nos.length === 1) setLast({ ...(await client['archive.exportPerson']({ employeeNo: nos[0]!, ...(year ? { year } : {}) })), employeeNo: nos[0]! });
      else {
        await client['archive.batchStart']({ employeeNos: nos, zip: true });
        setBatches((k) => k + 1);
      }
      setChosen(new Set());
      o.onExported();
    } catch (e) {
      o.onError(e);
    } finally {
      setBusy(false);
    }
  }
  return { q, setQ, shown, chosen, allShown, toggle, toggleShown, busy, last, batches, exportChosen, year, setYear };
}
