import { who, type Handlers } from '../handler';
import { beginUpload, cancelUpload, finishUpload, receiveChunk, uploadStatus } from './upload';

export const uploadHandlers = {
  'upload.begin': (p, c, i) => beginUpload(p, who(c).employeeNo, i),
  // IPC's chunk (HTTP streams its body in: transport/upload-body.ts)
  'upload.chunk': (p, c, i) => receiveChunk(p, who(c).employeeNo, i, [i.data], i.data.length),
  'upload.status': async (p, c, i) => uploadStatus(p, who(c).employeeNo, i.uploadId),
  'upload.finish': (p, c, i) => finishUpload(p, who(c).employeeNo, i.uploadId),
  'upload.cancel': async (p, c, i) => cancelUpload(p, who(c).employeeNo, i.uploadId),
} satisfies Partial<Handlers>;
