// What the upload calls answer (calls/upload.ts).

/** Where an upload stands: the bytes the server holds, safely on disk, from the start of the file. */
export interface UploadView {
  uploadId: string;
  fileName: string;
  size: number;
  /** the next chunk starts here (after a dropped connection too) */
  received: number;
  /** the largest chunk the server takes */
  chunkSize: number;
  finished: boolean;
}

/** A finished upload: what the server computed of the bytes it holds. */
export interface UploadFinished {
  uploadId: string;
  sha256: string;
  size: number;
}

/** What the desktop's open dialog gave: nothing (the person closed it), or the file, uploaded and finished. */
export type UploadFromDialog = { chosen: false } | ({ chosen: true; fileName: string } & UploadFinished);
