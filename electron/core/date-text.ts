// A day as people and spreadsheets write it (2024-09-01, 2024/9/1, 2024.9.1, 2024年9月1日, 20240901,
// or Excel's day number when a date cell reaches us as a plain number) → YYYY-MM-DD, or null.
import { addDays, isCalendarDay } from './days';

const pad = (n: string) => n.padStart(2, '0');

/** Excel counts days from 1899-12-30 (its 1900 leap-year slip only moves days before March 1900). */
const EXCEL_DAY_ZERO = '1899-12-30';

export function dayOfText(text: string): string | null {
  // full-width digits and separators (２０２４／９／１), as a Chinese input method may type them
  const t = text.normalize('NFKC').trim();
  let day: string | null = null;
  const ymd = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(t);
  if (ymd) day = `${ymd[1]}-${pad(ymd[2]!)}-${pad(ymd[3]!)}`;
  else if (/^\d{8}$/.test(t)) day = `${t.slice(0, 4)}-${t.slice(4, 6)}-${t.slice(6, 8)}`;
  // a day number of five digits (1927-05-18 … 2173-10-14); a time of day after the point is dropped
  else if (/^\d{5}(?:\.\d+)?$/.test(t)) day = addDays(EXCEL_DAY_ZERO, Math.floor(Number(t)));
  if (!day || !isCalendarDay(day)) return null;
  const year = Number(day.slice(0, 4));
  return year >= 1900 && year <= 2100 ? day : null;
}
