// A file imported in two steps, as the roster and the question bank are: choose a file → the
// server's preview (what it would take, errors named by row and field) → confirm. The file is kept
// between the steps; choosing again starts over. Errors go to the page's own error display.
import { useState } from 'react';
import { fileToBase64 } from './api';

export interface Upload {
  fileName: string;
  base64: string;
}

export function useFileImport<P, R>(o: { preview: (u: Upload) => Promise<P>; commit: (u: Upload, preview: P) => Promise<R>; onCommitted?: (r: R) => void; onError: (e: unknown) => void }) {
  const [upload, setUpload] = useState<Upload | null>(null);
  const [preview, setPreview] = useState<P | null>(null);
  const [result, setResult] = useState<R | null>(null);
  async function choose(file: File | undefined) {
    setPreview(null);
    setResult(null);
    o.onError(null);
    if (!file) return;
    try {
      const u = { fileName: file.name, base64: await fileToBase64(file) };
      setUpload(u);
      setPreview(await o.preview(u));
    } catch (e) {
      o.onError(e);
    }
  }
  /** only a file the server has previewed is committed */
  async function commit() {
    if (!upload || preview === null) return;
    try {
      const r = await o.commit(upload, preview);
      setResult(r);
      setPreview(null);
      setUpload(null);
      o.onCommitted?.(r);
    } catch (e) {
      o.onError(e);
    }
  }
  return { preview, result, choose, commit, upload };
}
