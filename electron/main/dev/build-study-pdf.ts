// Builds content/docs/special-work-study-notes.pdf from the team's own study notes below.
// Run: npm run content:pdf (needs a CJK font: fonts-noto-cjk). The PDF is committed.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Content } from 'pdfmake/interfaces';
import { renderPdf } from '../services/render/pdf';

const sections: [string, string[]][] = [
  [
    '一、特殊作业为什么要特别管',
    [
      '特殊作业是指在生产装置、储存设施及其附近进行的，可能危及作业人员或周边设施安全的作业。这类作业往往打破了装置的正常状态：要在可燃物附近动火、进入本来不该有人的设备内部、拆开本来封闭的管线。',
      '很多事故并不是发生在正常生产中，而是发生在检维修和特殊作业中。管好特殊作业，就是管住事故最容易发生的环节。',
    ],
  ],
  [
    '二、共同要求（每一种作业都适用）',
    [
      '1. 作业前进行危险有害因素辨识，制定并落实安全措施。',
      '2. 办理作业票证，票证内容与现场一致；审批人到现场确认安全措施落实情况。',
      '3. 作业人员、监护人员经过培训，清楚作业内容、风险和应急措施。',
      '4. 作业现场配备必要的消防器材和个体防护装备，应急通道畅通。',
      '5. 作业条件变化或出现异常时，立即停止作业，撤离人员，重新辨识风险后才能恢复。',
    ],
  ],
  [
    '三、动火作业',
    [
      '动火前对作业点周围可燃物进行清理，对设备管线进行隔离、清洗、置换。',
      '动火前进行气体分析，分析合格后才能动火；作业中断较长时间后再动火，要重新分析。',
      '动火作业全过程设专人监火，监火人不得擅离现场。',
    ],
  ],
  [
    '四、受限空间作业',
    [
      '牢记“先通风、再检测、后作业”。进入前对氧含量、可燃气体和有毒气体进行检测，合格后方可进入。',
      '受限空间外设专人监护，与作业人员保持联系；监护人不得离开，也不得进入空间内施救。',
      '发生意外时，严禁盲目施救，应在做好自身防护的前提下按预案救援。',
    ],
  ],
  [
    '五、盲板抽堵、高处、吊装、临时用电、动土、断路作业',
    [
      '盲板抽堵要按图作业、挂牌标识，管道泄压后进行；高处作业要系挂安全带，防止坠落和落物；吊装作业要确认吊具完好、划定警戒区；临时用电要由电工接线并设漏电保护；动土和断路作业要事先确认地下设施和交通影响，并设置警示。',
    ],
  ],
];

async function main() {
  const content: Content[] = [
    { text: '特殊作业安全学习要点', fontSize: 20, bold: true, alignment: 'center', margin: [0, 0, 0, 6] },
    {
      text: '说明：本文是安学团队编写的学习辅导材料（学习要点），用自己的话概括特殊作业的常识，不是 GB 30871 或任何标准的正式文本；请以官方发布的标准文本为准。',
      fontSize: 9,
      color: '#555555',
      margin: [0, 0, 0, 12],
    },
  ];
  for (const [title, paras] of sections) {
    content.push({ text: title, fontSize: 14, bold: true, margin: [0, 10, 0, 4] });
    for (const p of paras) content.push({ text: p, margin: [0, 0, 0, 4] });
  }
  const pdf = await renderPdf({
    pageSize: 'A4',
    pageMargins: [56, 56, 56, 56],
    info: { title: '特殊作业安全学习要点（学习辅导材料）', author: '安学团队', creator: '安学 Anxue', producer: '安学 Anxue', creationDate: new Date('2026-11-29T00:00:00Z') },
    content,
    defaultStyle: { fontSize: 12, lineHeight: 1.5 },
  });
  const out = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../../content/docs/special-work-study-notes.pdf');
  writeFileSync(out, pdf);
  console.log(`wrote ${out} (${pdf.length} bytes)`);
}
void main();
