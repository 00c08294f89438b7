import { who, type Handlers } from '../handler';
import { iso } from '../ports';
import { exportPack, importPack } from './content-pack';
import { docUnits, getDocText, listDocs } from './corpus';
import { importCancel, importCommit, importJob, importPreview, importStart, searchCorpus } from './corpus-import';

export const corpusHandlers = {
  'corpus.list': (p) => listDocs(p),
  'corpus.get': (p, _c, i) => getDocText(p, i.docId, i.key),
  'corpus.units': (p, _c, i) => docUnits(p, i.docId),
  'reader.position': async (p, c, i) => ({ ratio: (await p.store.person(who(c).employeeNo).read()).open.positions?.[`${i.docId}/${i.key}`]?.ratio ?? null }),
  'reader.savePosition': async (p, c, i) => {
    const at = iso(p.clock.now());
    await p.store.person(who(c).employeeNo).update((f) => {
      f.open.positions = { ...f.open.positions, [`${i.docId}/${i.key}`]: { ratio: i.ratio, at } };
    });
    return { ok: true };
  },
  'corpus.search': (p, _c, i) => searchCorpus(p, i.q),
  'corpus.importPreview': (p, c, i) => importPreview(p, who(c).employeeNo, i),
  'corpus.importStart': async (p, c, i) => importStart(p, who(c).employeeNo, i),
  'corpus.importJob': async (p, _c, i) => importJob(p, i.jobId),
  'corpus.importCancel': async (p, _c, i) => importCancel(p, i.jobId),
  'corpus.importCommit': (p, c, i) => importCommit(p, who(c), i),
  'corpus.packExport': (p, _c, i) => exportPack(p, i.docIds),
  'corpus.packImport': (p, c, i) => importPack(p, who(c), i),
} satisfies Partial<Handlers>;
