import { who, type Handlers } from '../handler';
import path from 'node:path';
import { forbidden } from '../errors';
import { beginUpload, cancelUpload, copyFromPath, finishUpload, receiveChunk, uploadStatus } from './upload';

export const uploadHandlers = {
  'upload.begin': (p, c, i) => beginUpload(p, who(c).employeeNo, i),
  // IPC's chunk (HTTP streams its body in: transport/upload-body.ts)
  'upload.chunk': (p, c, i) => receiveChunk(p, who(c).employeeNo, i, [i.data], i.data.length),
  'upload.status': async (p, c, i) => uploadStatus(p, who(c).employeeNo, i.uploadId),
  'upload.finish': (p, c, i) => finishUpload(p, who(c).employeeNo, i.uploadId),
  'upload.cancel': async (p, c, i) => cancelUpload(p, who(c).employeeNo, i.uploadId),
  'upload.fromDialog': async (p, c, i) => {
    // a dialog opens on the PC the app runs on: only the desktop app's own window (IPC) may ask, never a browser
    if (c.client.address !== 'local' || !p.desktop) throw forbidden('upload.desktopOnly');
    const file = await p.desktop.chooseFile(i.purpose);
    if (file === null) return { chosen: false };
    return { chosen: true, fileName: path.basename(file), ...(await copyFromPath(p, who(c), file, i.purpose)) };
  },
} satisfies Partial<Handlers>;
