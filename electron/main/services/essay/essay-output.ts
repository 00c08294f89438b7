// The printable 个人剖析材料: one A4 document, as PDF (pdfmake) and as .docx (docx), with the same
// content: title, enterprise and campaign, name / 部门 / 班组 / 岗位 / date, the accidents reflected
// on, each part under its title, and the signature line.
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import { ESSAY_PART_TITLES, type EssayPart, type Person } from '../../../core/model';
import { renderPdf } from '../render/pdf';

export interface EssayDoc {
  enterprise: string;
  campaign: string;
  person: Person;
  parts: { key: EssayPart; text: string }[];
  accidents: string[];
  /** YYYY-MM-DD of the version printed */
  date: string;
  /** 0: a draft not yet submitted */
  version: number;
  status: string;
}

const paragraphs = (text: string) =>
  text
    .split(/\n+/)
    .map((x) => x.trim())
    .filter(Boolean);
const infoLine = (d: EssayDoc) => `姓名：${d.person.name}    部门：${d.person.dept}${d.person.team ? ` ${d.person.team}` : ''}    岗位：${d.person.post || '—'}    日期：${d.date}`;
const versionLine = (d: EssayDoc) => (d.version === 0 ? '（草稿，尚未提交）' : `第 ${d.version} 稿`);

export async function essayPdf(d: EssayDoc): Promise<Buffer> {
  const c: Content[] = [
    { text: '个人剖析材料', style: 'title' },
    { text: `${d.enterprise}　${d.campaign}`, alignment: 'center', fontSize: 10, margin: [0, 0, 0, 10] },
    { text: infoLine(d), fontSize: 11 },
    { text: `工号：${d.person.employeeNo}    ${versionLine(d)}`, fontSize: 9, color: '#555555', margin: [0, 2, 0, 8] },
  ];
  if (d.accidents.length > 0) c.push({ text: `对照的事故：${d.accidents.join('；')}`, margin: [0, 0, 0, 8] });
  for (const part of d.parts) {
    c.push({ text: ESSAY_PART_TITLES[part.key], style: 'h2' });
    for (const p of paragraphs(part.text)) c.push({ text: `\u3000\u3000${p}`, margin: [0, 0, 0, 4], lineHeight: 1.4 } as Content);
  }
  c.push({ text: '本人签字：________________　　　　日期：______年____月____日', margin: [0, 36, 0, 0] });
  const doc: TDocumentDefinitions = {
    pageSize: 'A4',
    pageMargins: [64, 60, 64, 60],
    info: { title: `个人剖析材料 ${d.person.name}`, creator: '安学 Anxue', producer: '安学 Anxue' },
    content: c,
    styles: {
      title: { fontSize: 20, bold: true, alignment: 'center', margin: [0, 0, 0, 6] },
      h2: { fontSize: 12.5, bold: true, margin: [0, 10, 0, 4] },
    },
    defaultStyle: { fontSize: 11.5 },
  };
  return renderPdf(doc);
}

export async function essayDocx(d: EssayDoc): Promise<Buffer> {
  const { AlignmentType, Document, Packer, Paragraph, TextRun } = await import('docx');
  const font = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '宋体' };
  const run = (text: string, opts: { bold?: boolean; size?: number } = {}) => new TextRun({ text, font, bold: opts.bold, size: opts.size ?? 24 });
  const children = [
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 120 }, children: [run('个人剖析材料', { bold: true, size: 40 })] }),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 200 }, children: [run(`${d.enterprise}　${d.campaign}`, { size: 20 })] }),
    new Paragraph({ children: [run(infoLine(d), { size: 22 })] }),
    new Paragraph({ spacing: { after: 200 }, children: [run(`工号：${d.person.employeeNo}    ${versionLine(d)}`, { size: 18 })] }),
  ];
  if (d.accidents.length > 0) children.push(new Paragraph({ spacing: { after: 160 }, children: [run(`对照的事故：${d.accidents.join('；')}`)] }));
  for (const part of d.parts) {
    children.push(new Paragraph({ spacing: { before: 200, after: 100 }, children: [run(ESSAY_PART_TITLES[part.key], { bold: true, size: 26 })] }));
    for (const p of paragraphs(part.text)) children.push(new Paragraph({ indent: { firstLine: 480 }, spacing: { line: 360 }, children: [run(p)] }));
  }
  children.push(new Paragraph({ spacing: { before: 720 }, children: [run('本人签字：________________　　　　日期：______年____月____日')] }));
  const doc = new Document({
    creator: '安学 Anxue',
    title: `个人剖析材料 ${d.person.name}`,
    // A4 in twentieths of a point
    sections: [{ properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 1200, bottom: 1200, left: 1280, right: 1280 } } }, children }],
  });
  return Buffer.from(await Packer.toBuffer(doc));
}
