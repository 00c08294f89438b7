// The messages of uploads sent in pieces (services/upload), in Chinese.
export const uploadZhCN = {
  'rule.chunkTooLarge': '一段太大',
  'upload.busy': '这个文件的上一段还在写入，请稍候再继续',
  'upload.changedOnDisk': '上传的「{{fileName}}」在服务器上已被改动，请重新上传',
  'upload.chunkPastEnd': '这一段超出了文件的大小（{{size}} 字节）',
  'upload.chunkTooLarge': '一段最多 {{max}}',
  'upload.desktopOnly': '只有桌面版可以从本机选择文件',
  'upload.finishedAlready': '这个文件已经上传完成',
  'upload.noSuchUpload': '没有这个上传：可能已过期、已取消，或不是您开始的',
  'upload.notComplete': '文件还没有传完：已收到 {{received}} / {{size}} 字节',
  'upload.notFinished': '文件还没有上传完成',
  'upload.notOctetStream': '文件的一段须以 application/octet-stream 发送',
  'upload.tooLargeDocument': '「{{fileName}}」有 {{size}}，文件导入最大 {{limit}}',
  'upload.tooLargeVideo': '「{{fileName}}」有 {{size}}，视频最大 {{limit}}（系统管理员可在设置中调整）',
  'upload.wrongOffset': '这一段从第 {{offset}} 字节开始，但服务器已收到 {{received}} 字节：请从第 {{received}} 字节继续',
  'upload.wrongPurpose': '这个上传不是用于此处的文件',
};
