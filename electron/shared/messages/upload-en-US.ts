// The messages of uploads sent in pieces, in English. Same keys as ./upload-zh-CN.ts: the type makes a missing or extra key a compile error.
import type { uploadZhCN } from './upload-zh-CN';

export const uploadEnUS: Record<keyof typeof uploadZhCN, string> = {
  'rule.chunkTooLarge': 'the chunk is too large',
  'upload.busy': "this file's previous chunk is still being written: wait a moment and continue",
  'upload.changedOnDisk': 'the uploaded “{{fileName}}” was changed on the server: upload it again',
  'upload.chunkPastEnd': 'this chunk goes past the end of the file ({{size}} bytes)',
  'upload.chunkTooLarge': 'a chunk is at most {{max}}',
  'upload.desktopOnly': 'only the desktop app can choose a file on this PC',
  'upload.finishedAlready': 'this file has already been uploaded',
  'upload.noSuchUpload': 'no such upload: it may have expired or been cancelled, or you did not start it',
  'upload.notComplete': 'the file has not all arrived yet: {{received}} of {{size}} bytes received',
  'upload.notFinished': 'the file has not finished uploading',
  'upload.notOctetStream': 'a chunk of a file must be sent as application/octet-stream',
  'upload.tooLargeDocument': '“{{fileName}}” is {{size}}; a document for import is at most {{limit}}',
  'upload.tooLargeVideo': '“{{fileName}}” is {{size}}; a video is at most {{limit}} (the system administrator can change this in the settings)',
  'upload.wrongOffset': 'this chunk starts at byte {{offset}}, but the server has {{received}} bytes: continue from byte {{received}}',
  'upload.wrongPurpose': 'this upload is not a file for this place',
};
