// The desktop's open dialog for an upload (services/upload: upload.fromDialog): the path of the
// file the person chose, which the main process then copies in as a stream.
import { dialog, type BrowserWindow } from 'electron';
import type { UploadPurpose } from '../../shared/calls/upload';

const FILTERS: Record<UploadPurpose, Electron.FileFilter[]> = {
  document: [{ name: 'PDF, Word, HTML, Markdown, TXT', extensions: ['pdf', 'docx', 'html', 'htm', 'md', 'markdown', 'txt'] }],
  video: [{ name: 'MP4, WebM', extensions: ['mp4', 'webm'] }],
};

export function filePicker(window: () => BrowserWindow | null): { chooseFile(purpose: UploadPurpose): Promise<string | null> } {
  return {
    async chooseFile(purpose) {
      const win = window();
      const o = { properties: ['openFile' as const], filters: FILTERS[purpose] };
      const r = win ? await dialog.showOpenDialog(win, o) : await dialog.showOpenDialog(o);
      return r.canceled ? null : (r.filePaths[0] ?? null);
    },
  };
}
