// PDF output with pdfmake and a CJK font found on the machine (the project ships no font files).
import { existsSync } from 'node:fs';
import type { TDocumentDefinitions } from 'pdfmake/interfaces';

interface FontFace {
  file: string;
  face?: string;
}
interface FontChoice {
  normal: FontFace;
  bold: FontFace;
}

const CANDIDATES: FontChoice[] = [
  {
    normal: { file: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', face: 'NotoSansCJKsc-Regular' },
    bold: { file: '/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc', face: 'NotoSansCJKsc-Bold' },
  },
  {
    normal: { file: 'C:\\Windows\\Fonts\\simhei.ttf' },
    bold: { file: 'C:\\Windows\\Fonts\\simhei.ttf' },
  },
  {
    normal: { file: 'C:\\Windows\\Fonts\\simsun.ttc', face: 'SimSun' },
    bold: { file: 'C:\\Windows\\Fonts\\simsun.ttc', face: 'SimSun' },
  },
  {
    normal: { file: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', face: 'WenQuanYiMicroHei' },
    bold: { file: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', face: 'WenQuanYiMicroHei' },
  },
  {
    normal: { file: '/System/Library/Fonts/STHeiti Light.ttc', face: 'STHeitiSC-Light' },
    bold: { file: '/System/Library/Fonts/STHeiti Medium.ttc', face: 'STHeitiSC-Medium' },
  },
];

/** ANXUE_CJK_FONT=/path/font.ttc#FaceName overrides the search. */
export function findCjkFont(env: NodeJS.ProcessEnv = process.env): FontChoice | null {
  const override = env.ANXUE_CJK_FONT;
  if (override) {
    const [file, face] = override.split('#');
    if (file && existsSync(file)) return { normal: { file, face }, bold: { file, face } };
  }
  return CANDIDATES.find((c) => existsSync(c.normal.file) && existsSync(c.bold.file)) ?? null;
}

function fontDef(f: FontFace): string | [string, string] {
  return f.face ? [f.file, f.face] : f.file;
}

export async function renderPdf(doc: TDocumentDefinitions): Promise<Buffer> {
  const font = findCjkFont();
  if (!font) {
    throw new Error('找不到中文字体，无法生成 PDF。请安装 Noto Sans CJK（fonts-noto-cjk）或设置 ANXUE_CJK_FONT=字体文件路径#字体名');
  }
  const { default: pdfmake } = await import('pdfmake'); // loaded when first needed: keeps start-up light
  const allowed = new Set([font.normal.file, font.bold.file]);
  pdfmake.setLocalAccessPolicy((p: string) => allowed.has(p));
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setFonts({
    Cjk: { normal: fontDef(font.normal), bold: fontDef(font.bold), italics: fontDef(font.normal), bolditalics: fontDef(font.bold) },
  } as never);
  const out = pdfmake.createPdf({ ...doc, defaultStyle: { font: 'Cjk', fontSize: 10.5, lineHeight: 1.3, ...doc.defaultStyle } });
  return Buffer.from(await (out as unknown as { getBuffer(): Promise<Uint8Array> }).getBuffer());
}
