// Questions drafted from a document's current official text, for the officer to review, and the
// reviewed ones accepted into a bank. The server never adds a draft by itself: drafts only reach
// a bank through bank.addDrafts, which checks each one as a question written by hand is checked.
import { ruleOf } from '../../../core/message';
import { questionSchema, type Question } from '../../../core/model';
import { questionId } from '../../../core/question-import';
import { draftQuestions, shortTitleOf } from '../../../core/question-draft';
import { structureOf } from '../../../core/text-structure';
import type { DraftsAdded, DraftsView, Input } from '../../../shared/api';
import { bankQuestions } from '../campaign/campaign';
import { currentEdition, listDocs } from '../corpus/corpus';
import type { Block } from '../corpus/text-extract';
import { ApiError, notFound } from '../errors';
import type { Ports } from '../ports';
import { contentIds } from './bank';

/** The drafts of a document's current official edition (its paragraphs as imported). */
export async function draftsOf(ports: Ports, input: Input<'bank.drafts'>): Promise<DraftsView> {
  const meta = (await listDocs(ports)).find((d) => d.id === input.docId);
  if (!meta) throw notFound('corpus.noStudyDocument', { docId: input.docId });
  const ed = currentEdition(await ports.store.corpus.read(), input.docId);
  const file = ed ? ports.store.corpusFile(`${ed.sha256}.blocks.json`) : null;
  if (!ed || !file || !ports.files.exists(file)) throw new ApiError('bad_input', 'bank.draftsNeedOfficialText', { title: meta.title }, 'docId');
  const paragraphs = (JSON.parse(ports.files.readText(file)) as Block[]).map((b) => b.text);
  const drafts = draftQuestions({ docId: meta.id, title: meta.title, paragraphs });
  const have = contentIds(await bankQuestions(ports));
  return {
    docId: meta.id,
    title: meta.title,
    shortTitle: shortTitleOf(meta.title),
    fileName: ed.fileName,
    structure: structureOf(paragraphs).kind,
    drafts,
    inBank: drafts.filter((d) => have.has(d.question.id)).map((d) => d.question.id),
  };
}

/** Reviewed drafts into a bank: every one valid or none added, in one write; those already there skipped. */
export async function addDrafts(ports: Ports, input: Input<'bank.addDrafts'>): Promise<DraftsAdded> {
  const docIds = new Set((await listDocs(ports)).map((d) => d.id));
  const checked: Question[] = input.questions.map((q, i) => {
    if (q.docId && !docIds.has(q.docId)) throw new ApiError('bad_input', 'common.noStudyDocument', { docId: q.docId }, `questions.${i}.docId`);
    const options = q.type === 'single' || q.type === 'multiple' ? q.options : [];
    const parsed = questionSchema.safeParse({ ...q, options, bank: input.bank, id: questionId(q.type, q.stem, options), version: 1 });
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new ApiError('bad_input', 'bank.draftNotValid', { n: i + 1, problem: ruleOf(issue) }, `questions.${i}.${issue.path.join('.')}`);
    }
    return parsed.data;
  });
  await bankQuestions(ports); // the bundled questions are seeded first, as everywhere else
  return ports.store.questions.update((f) => {
    const have = contentIds(f.questions);
    let added = 0;
    let duplicates = 0;
    for (const q of checked) {
      if (have.has(q.id)) {
        duplicates += 1;
        continue;
      }
      have.add(q.id);
      f.questions.push(q);
      added += 1;
    }
    return { bank: input.bank, added, duplicates };
  });
}
