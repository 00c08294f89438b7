// The formats official texts come in besides PDF and DOCX: web pages saved from a government site
// (UTF-8 or GBK), old binary Word files (refused with what to do instead) and text files in the
// encodings Chinese Windows writes.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sayIn } from '../../electron/main/messages';
import { extractText, formatOf } from '../../electron/main/services/corpus/text-extract';
import type { ApiError } from '../../electron/main/services/errors';
import { makeApp, removeDir, seeded, type TempApp } from '../helpers/temp-app';

/** A page laid out as the ministries' sites are: banner, menus, breadcrumb, share bar, scripts, footer around a TRS editor box. */
function govPage(charset: string, opts: { container?: string } = {}): string {
  const open = opts.container ?? '<div class="TRS_Editor">';
  const close = opts.container === undefined || opts.container.startsWith('<div') ? '</div>' : `</${/^<(\w+)/.exec(opts.container)![1]}>`;
  return `<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=${charset}" />
<title>危险化学品企业安全培训管理规定（测试用）_中华人民共和国应急管理部</title>
<style>.TRS_Editor p { text-indent: 2em; } body { font-size: 14px }</style>
<script type="text/javascript">var nav = "首页导航脚本"; document.write("<p>脚本写出的文字</p>");</script>
</head>
<body>
<div class="header"><div class="logo"><h1><a href="/">中华人民共和国应急管理部</a></h1></div>
  <div class="top_search"><input type="text" value="请输入关键字" /><button>搜索</button></div></div>
<div id="nav" class="nav"><ul><li><a href="/">首页</a></li><li><a href="/xw/">新闻</a></li><li><a href="/gk/">政务公开</a></li><li><a href="/fw/">政务服务</a></li></ul></div>
<div class="crumbs">当前位置：<a href="/">首页</a> &gt; <a href="/gk/">政务公开</a> &gt; 规章</div>
<div class="content">
  <div class="pages-title"><h2>危险化学品企业安全培训管理规定（测试用）</h2></div>
  <div class="pages-date">2024-01-05 来源：应急管理部 <span class="font">【字体：大 中 小】</span></div>
  ${open}
    <style type="text/css">.TRS_Editor P{margin-top:5px;font-family:宋体;font-size:12pt;}</style>
    <div class="TRS_Editor_share share-bar">分享到微博</div>
    <p>发布时间：2024-01-05　浏览次数：123</p>
    <p style="text-align:center"><strong>第一章　总　则</strong></p>
    <p>　　第一条　为了加强危险化学品企业的安全培训&nbsp;工作，制定本规定。</p>
    <p>　　第二条　企业主要负责人对本单位的安全培训工作全面负责。</p>
    <h3>第二章　培训内容</h3>
    <p>　　第三条　培训应当包括下列内容：</p>
    <ol><li>安全生产法律法规；</li><li>动火作业和受限空间作业的要求。</li></ol>
    <table border="1"><tr><th>岗位</th><th>学时</th></tr><tr><td>主要负责人</td><td>48</td></tr></table>
    <p>　　第四条　本规定所称 *特殊作业* 见 GB 30871。<br />本规定自发布之日起施行。</p>
    <script>alert("页面脚本")</script>
    <p style="display: none">隐藏的统计代码</p>
  ${close}
  <div class="bdsharebuttonbox"><a class="bds_weixin">分享到微信</a><a class="bds_tsina">分享到微博</a></div>
  <div class="print"><a href="javascript:window.print()">打印本页</a> <a href="javascript:window.close()">关闭窗口</a></div>
</div>
<div class="related"><h4>相关链接</h4><ul><li><a href="/a">某某新闻稿</a></li></ul></div>
<div class="footer"><p>版权所有：中华人民共和国应急管理部　京ICP备05012345号</p><p>网站标识码 bm0000001</p></div>
<div style="display:none">隐藏的统计代码</div>
</body></html>`;
}

const NOISE = [
  '首页',
  '政务公开',
  '当前位置',
  '请输入关键字',
  '分享到微信',
  '打印本页',
  '关闭窗口',
  '版权所有',
  '网站标识码',
  '脚本',
  '相关链接',
  '隐藏的统计代码',
  '字体',
  'font-size',
  'text-indent',
  '宋体',
];

/** Every problem with an imported page, at once. */
function pageProblems(md: string): string[] {
  const problems = NOISE.filter((n) => md.includes(n)).map((n) => `the page's chrome "${n}" is in the text`);
  const expected = [
    '# 危险化学品企业安全培训管理规定（测试用）',
    '第一章 总 则',
    '第一条 为了加强危险化学品企业的安全培训 工作，制定本规定。',
    '第二条 企业主要负责人对本单位的安全培训工作全面负责。',
    '### 第二章 培训内容',
    '1. 安全生产法律法规；\n2. 动火作业和受限空间作业的要求。',
    '岗位 | 学时',
    '主要负责人 | 48',
    '第四条 本规定所称 \\*特殊作业\\* 见 GB 30871。\n\n本规定自发布之日起施行。',
  ];
  let at = 0;
  for (const e of expected) {
    const i = md.indexOf(e, at);
    if (i < 0) problems.push(`missing, or out of order: ${JSON.stringify(e)}`);
    else at = i + e.length;
  }
  return problems;
}

describe('a web page saved from a government site', () => {
  it('UTF-8: the article is kept as Markdown with its headings, the navigation, menus, share bar, scripts and footer are gone', async () => {
    const x = await extractText('管理规定.html', Buffer.from(govPage('utf-8')));
    expect(x).toMatchObject({ format: 'html', readAs: 'md', pages: 0, title: '危险化学品企业安全培训管理规定（测试用）' });
    expect(pageProblems(x.readable!), x.readable!).toEqual([]);
    // blocks: located by the heading above them (the reader's h-N), the same count the reader's outline makes
    expect(x.blocks.find((b) => b.text.startsWith('第一条'))).toMatchObject({ loc: 0 });
    expect(x.blocks.find((b) => b.text.startsWith('第三条'))).toMatchObject({ loc: 1 });
    expect(x.blocks.find((b) => b.text.includes('特殊作业'))!.text).toBe('第四条 本规定所称 *特殊作业* 见 GB 30871。');
    expect(x.chars).toBeGreaterThan(100);
  });

  it('GBK (declared as gb2312, the way older sites do), saved as .htm: the characters are decoded', async () => {
    const html = govPage('gb2312');
    const bytes = encodeGbk(html);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes), 'the test page must not be UTF-8').toThrow();
    const x = await extractText('管理规定.htm', bytes);
    expect(pageProblems(x.readable!), x.readable!).toEqual([]);
  });

  it('a page that says gb2312 but was re-saved in UTF-8 reads as UTF-8', async () => {
    // these UTF-8 bytes are also valid GB18030 (as mojibake): only trying UTF-8 first reads them right
    const bytes = Buffer.from('<html><head><meta charset="gb2312"><title>中文</title></head><body><p>中文</p></body></html>');
    expect(new TextDecoder('gb18030', { fatal: true }).decode(bytes)).not.toContain('中文');
    expect((await extractText('moved.html', bytes)).readable).toBe('# 中文\n');
  });

  it('no known container: the block with the most text and fewest links is the content (in an ASP.NET page, all inside one form)', async () => {
    const html = govPage('utf-8', { container: '<div class="zwbox">' })
      .replace('<div class="content">', '<div class="main">')
      .replace('<body>', '<body><form method="post" action="./Detail.aspx?id=1" id="form1"><input type="hidden" name="__VIEWSTATE" value="/wEPDwUK" />')
      .replace('</body>', '</form></body>');
    const x = await extractText('page.html', Buffer.from(html));
    expect(pageProblems(x.readable!), x.readable!).toEqual([]);
  });

  it('an old site laid out in tables, its text in <br> lines: the cell of sentences, its title cell as the heading', async () => {
    const html = `<html><head><title>某市应急局关于印发检查办法的通知</title></head><body>
<table width="100%"><tr><td class="left_nav" width="200"><a>机构概况</a><br><a>政务公开</a><br><a>通知公告</a></td>
<td valign="top"><table><tr><td class="title_bt" align="center"><font size="5"><b>某市应急局关于印发检查办法的通知</b></font></td></tr>
<tr><td>发布日期：2023-05-06　　浏览次数：100</td></tr>
<tr><td>各区应急局：<br>&nbsp;&nbsp;&nbsp;&nbsp;现将《检查办法》印发给你们，请认真贯彻执行。<br>&nbsp;&nbsp;&nbsp;&nbsp;第一条　为规范检查工作，提高执法效能，保障安全，制定本办法。<br>
&nbsp;&nbsp;&nbsp;&nbsp;第二条　本办法适用于本市行政区域内的检查活动，包括日常检查、专项检查。<br></td></tr></table></td></tr></table>
<div class="bottom">版权所有 某市应急管理局</div></body></html>`;
    const x = await extractText('通知.htm', Buffer.from(html));
    expect(x.readable).toBe(
      [
        '# 某市应急局关于印发检查办法的通知',
        '各区应急局：',
        '现将《检查办法》印发给你们，请认真贯彻执行。',
        '第一条 为规范检查工作，提高执法效能，保障安全，制定本办法。',
        '第二条 本办法适用于本市行政区域内的检查活动，包括日常检查、专项检查。',
      ].join('\n\n') + '\n',
    );
  });

  it('a file named .html that is not a page, and a page with no text, are refused by name', async () => {
    await expect(extractText('notes.html', Buffer.from('第一条 这只是文字，不是网页。'))).rejects.toThrow(/notes\.html 看起来不是网页/);
    await expect(extractText('photo.htm', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]))).rejects.toThrow(/photo\.htm 看起来不是网页/);
    await expect(
      extractText('empty.html', Buffer.from('<html><head><title>某某规定_应急管理部</title><script>var a = "文字";</script></head><body><div class="nav"><a>首页</a></div></body></html>')),
    ).rejects.toThrow(/empty\.html 中没有文字/);
  });

  it('formatOf knows the names browsers save pages under', () => {
    expect(['a.html', 'b.HTM', 'c.shtml', 'd.xhtml'].map(formatOf)).toEqual(['html', 'html', 'html', 'html']);
  });
});

/** GBK bytes of text, from Node's own decoder run backwards (TextEncoder writes UTF-8 only). */
function encodeGbk(text: string): Buffer {
  const dec = new TextDecoder('gbk');
  const table = new Map<string, number[]>();
  for (let hi = 0x81; hi <= 0xfe; hi++)
    for (let lo = 0x40; lo <= 0xfe; lo++) {
      const c = dec.decode(Uint8Array.of(hi, lo));
      if (c.length === 1 && c !== '\ufffd' && !table.has(c)) table.set(c, [hi, lo]);
    }
  const out: number[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) out.push(cp);
    else if (table.has(ch)) out.push(...table.get(ch)!);
    else throw new Error(`no GBK for ${ch}`);
  }
  return Buffer.from(out);
}

const OLE_HEADER = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
/** The start of an OLE compound file, as Word 97–2003 writes a .doc (and WPS a .wps). */
const oleFile = (extra = '') => Buffer.concat([Buffer.from(OLE_HEADER), Buffer.alloc(504), Buffer.from(extra, 'utf16le'), Buffer.alloc(512)]);

describe('old binary Office files', () => {
  it('a .doc, a .wps and a .doc renamed .docx are refused with what to do, in Chinese and English', async () => {
    await expect(extractText('安全培训制度.doc', oleFile())).rejects.toThrow('请将“安全培训制度.doc”另存为 .docx 或 PDF 后再导入');
    await expect(extractText('通知.wps', oleFile())).rejects.toThrow('请将“通知.wps”另存为 .docx 或 PDF 后再导入');
    await expect(extractText('改名的.docx', oleFile())).rejects.toThrow('请将“改名的.docx”另存为 .docx 或 PDF 后再导入');
    await expect(extractText('改名的.txt', oleFile())).rejects.toThrow('请将“改名的.txt”另存为 .docx 或 PDF 后再导入');
    const e = (await extractText('安全培训制度.doc', oleFile()).catch((x: unknown) => x)) as ApiError;
    expect(sayIn('en-US', { key: e.key, params: e.params })).toBe('Save 安全培训制度.doc as .docx or PDF, then import it');
  });

  it('a web page a site published under a .doc name is read as the page; an .rtf and a single-file web archive (.mht) are refused with what to do', async () => {
    const x = await extractText('附件1.doc', Buffer.from(govPage('utf-8')));
    expect(x).toMatchObject({ format: 'html', readAs: 'md' });
    expect(pageProblems(x.readable!), x.readable!).toEqual([]);
    await expect(extractText('规定.rtf', Buffer.from('{\\rtf1\\ansi 第一条}'))).rejects.toThrow('请将“规定.rtf”另存为 .docx 或 PDF 后再导入');
    const mht = Buffer.from('MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="----=_NextPart"\r\n\r\n------=_NextPart\r\nContent-Type: text/html\r\n\r\n<html></html>');
    await expect(extractText('规定.mht', mht)).rejects.toThrow(/规定\.mht 是单个文件网页（\.mht）：请在浏览器中打开它，另存为“网页，仅 HTML”/);
  });

  it('a .docx with a password (an OLE file holding an EncryptedPackage) is told apart', async () => {
    await expect(extractText('加密.docx', oleFile('EncryptedPackage'))).rejects.toThrow(/加密\.docx 设有打开密码/);
  });
});

describe('text files in the encodings Chinese Windows writes', () => {
  const text = '第一条 动火作业前必须进行气体分析。\n\n第二条 受限空间作业必须设监护人。';
  const cases: [string, Buffer][] = [
    ['UTF-8', Buffer.from(text)],
    ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])],
    ['GBK', encodeGbk(text)],
    ['UTF-16LE with BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])],
    ['UTF-16BE with BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()])],
  ];
  it('each reads as the same text', async () => {
    const read = await Promise.all(cases.map(async ([name, bytes]) => [name, (await extractText('制度.txt', bytes)).readable] as const));
    expect(Object.fromEntries(read)).toEqual(Object.fromEntries(cases.map(([name]) => [name, text])));
  });
});

describe('an imported page, through the app', () => {
  let app: TempApp;
  let officer: string;
  beforeAll(async () => {
    app = makeApp();
    officer = (await seeded(app)).admin;
  });
  afterAll(() => {
    app.close();
    removeDir(app.dir);
  });

  it('is kept as the page received and as Markdown the reader shows; its edition says html; it is found by phrase', async () => {
    const up = { fileName: '管理规定.htm', base64: encodeGbk(govPage('gbk')).toString('base64') };
    const p = await app.call('corpus.importPreview', up, officer);
    expect(p).toMatchObject({ format: 'html', title: '危险化学品企业安全培训管理规定（测试用）' });
    const r = await app.call(
      'corpus.importCommit',
      { ...up, newDoc: { title: p.title, docNo: '', issuer: '应急管理部', category: '行业标准', effective: '', suggestedMinutes: 20, summary: '' } },
      officer,
    );
    const edition = (await app.ports.store.corpus.read()).editions.find((e) => e.sha256 === r.edition);
    expect(edition).toMatchObject({ original: 'html', readAs: 'md' });
    expect(readFileSync(app.ports.store.corpusFile(`${r.edition}.orig.html`)).toString('base64')).toBe(up.base64);
    expect(pageProblems(readFileSync(app.ports.store.corpusFile(`${r.edition}.md`), 'utf8'))).toEqual([]);
    const hits = (await app.call('corpus.search', { q: '全面负责' }, officer)).filter((h) => h.docId === r.docId);
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ format: 'md', loc: 0 });
    const nav = (await app.call('corpus.search', { q: '政务公开' }, officer)).filter((h) => h.docId === r.docId);
    expect(nav).toEqual([]);
    // a content pack carries the page as received, and another installation reads it the same way
    const pack = await app.call('corpus.packExport', {}, officer);
    const other = makeApp();
    try {
      const admin = (await seeded(other)).admin;
      expect(await other.call('corpus.packImport', pack, admin)).toMatchObject({ editions: 1 });
      const copied = (await other.ports.store.corpus.read()).editions.find((e) => e.docId === r.docId);
      expect(copied).toMatchObject({ sha256: r.edition, original: 'html', readAs: 'md', fileName: '管理规定.htm' });
    } finally {
      other.close();
      removeDir(other.dir);
    }
  });
});
