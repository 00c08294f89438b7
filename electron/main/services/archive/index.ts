// 一人一档 and 一期一档: the archive as a straight line — record (one read of what a file needs) →
// layout (pure) → write (files, manifest, signature, atomic rename) → verify, each in its own file.
export * from './files';
export * from './record';
export * from './layout-person';
export * from './workbook';
export * from './export-person';
export * from './verify';
