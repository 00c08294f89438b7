// The minutes of a 研讨 as the archive prints them: in the 一期一档 under the session's attendance
// sheet, and a speaker's own part in their 一人一档. Pure (the person's layout runs in PDF workers).
import type { Content } from 'pdfmake/interfaces';
import { HAZARD_LEVEL_NAMES, type MinutesBody } from '../../../core/inspection';
import { COLLECTIVE_TYPE_NAMES } from '../../../core/model';
import type { EventBodies } from '../../../records/events';

const cell = (t: string | number) => ({ text: String(t) });
function grid(headers: string[], rows: (string | number)[][], widths: (string | number)[]): Content {
  return {
    table: { headerRows: 1, widths, body: [headers.map((h) => ({ text: h, bold: true, fillColor: '#eeeeee' })), ...rows.map((r) => r.map(cell))] },
    layout: 'grid',
    fontSize: 9,
    margin: [0, 2, 0, 6],
  } as Content;
}

/** 研讨纪要: speakers and their points, conclusions, follow-ups (and the finding each became), the signed sheet by hash. */
export function minutesContent(m: MinutesBody & { savedAt: string; savedBy: string; hash: string }, fmtTime: (t: string) => string): Content[] {
  const out: Content[] = [{ text: '研讨纪要', bold: true, fontSize: 10, margin: [0, 2, 0, 2] }];
  out.push(
    m.speakers.length === 0
      ? { text: '发言人：未记录。', fontSize: 9 }
      : grid(
          ['序号', '发言人', '发言要点'],
          m.speakers.map((s, i) => [i + 1, `${s.name}（${s.employeeNo}）`, s.points || '（未记录要点）']),
          [24, 90, '*'],
        ),
  );
  out.push({ text: `研讨结论：${m.conclusions || '未记录。'}`, fontSize: 9, margin: [0, 0, 0, 4] });
  if (m.followUps.length > 0)
    out.push(
      grid(
        ['序号', '问题', '后续措施', '责任人', '期限', '问题台账'],
        m.followUps.map((f, i) => [
          i + 1,
          f.issue,
          f.action,
          f.owner ? `${f.ownerName}（${f.owner}）` : '—',
          f.due || '—',
          f.findingId ? `已登记（${f.level ? HAZARD_LEVEL_NAMES[f.level] : ''}，${f.location}）` : '—',
        ]),
        [24, '*', '*', 70, 52, 80],
      ),
    );
  out.push({
    text: `签到表照片：${m.sheetPhoto ? `${m.sheetPhoto.name}（SHA-256 ${m.sheetPhoto.sha256}，存于 files/）` : '未上传'}　纪要记录：${m.savedBy}，${fmtTime(m.savedAt)}，台账记录 ${m.hash.slice(0, 16)}…`,
    fontSize: 8,
    color: '#444444',
    margin: [0, 0, 0, 6],
  });
  return out;
}

/** A person's own part in the 研讨 they spoke at (from their record chain). */
export function spokeContent(spoke: readonly (EventBodies['collective.spoke'] & { at: string })[]): Content[] {
  if (spoke.length === 0) return [];
  return [
    { text: '研讨发言', bold: true, margin: [0, 4, 0, 2] },
    grid(
      ['日期', '形式', '主题', '发言要点'],
      spoke.map((s) => [s.date, COLLECTIVE_TYPE_NAMES[s.type], s.topic, s.points || '（未记录要点）']),
      [58, 60, 110, '*'],
    ),
  ];
}
