// Compile-time check (run by `npm run typecheck`, not by vitest): the stored shapes in records/
// and the views of the same things in the contract must not drift apart. The renderer compiles
// the contract without records/, so each is written out on both sides; this file is where a
// change to one without the other fails.
import type { AuditEntryView, MergeConflictKind as MergeConflictKindView, MergeRunView, QuizResultView, StudyTotals as StudyTotalsView } from '../../electron/shared/api';
import type { AuditEntry, MergeConflictKind, MergeRun } from '../../electron/records/shared-docs';
import type { QuizResult, StudyTotals } from '../../electron/records/derive';

// the strict form: mutual assignability would let an optional field on one side slip through
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const ok = <T extends true>(): T => true as T;

export const recordViews = [
  ok<Same<AuditEntry, AuditEntryView>>(),
  ok<Same<MergeRun, MergeRunView>>(),
  ok<Same<MergeConflictKind, MergeConflictKindView>>(),
  ok<Same<QuizResult, QuizResultView>>(),
  ok<Same<StudyTotals, StudyTotalsView>>(),
];
