// Display helpers. Hours and 学时 come from the core, rounded down so the screen never shows more
// than was earned, exactly as the backend and the archives round them.
import i18n from '../../i18n';
export { toCreditHours as creditHours, toHours as hours } from '../../../electron/core/study-time';
export function clock(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const mm = String(m).padStart(2, '0');
  const ss = String(sec).padStart(2, '0');
  return h > 0 ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}
export function localTime(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * A calendar day (YYYY-MM-DD) in the words of the screen's language — 2024年9月30日 / Sep 30, 2024 —
 * never the browser's locale (a workstation set to English still shows a Chinese screen in Chinese).
 */
export function dayText(day: string | null | undefined, lang: string = i18n.language): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(day ?? '');
  if (!m) return day ?? '';
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return lang === 'en-US' ? `${MONTHS[mo - 1]} ${d}, ${y}` : `${y}年${mo}月${d}日`;
}

/** Two days as one span: 2024年9月6日 至 9月12日 / Sep 6 – Sep 12, 2024 (the year once when both share it). */
export function dayRange(start: string, end: string, lang: string = i18n.language): string {
  const same = start.slice(0, 4) === end.slice(0, 4);
  if (lang === 'en-US') return same ? `${dayText(start, lang).replace(/, \d{4}$/, '')} – ${dayText(end, lang)}` : `${dayText(start, lang)} – ${dayText(end, lang)}`;
  return same ? `${dayText(start, lang)} 至 ${dayText(end, lang).replace(/^\d{4}年/, '')}` : `${dayText(start, lang)} 至 ${dayText(end, lang)}`;
}

/** A moment on this PC's clock, as the screen's language writes it: 2024年9月30日 14:05 / Sep 30, 2024 14:05. */
export function localDateTime(iso: string, lang: string = i18n.language): string {
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${dayText(`${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`, lang)} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** Today on this PC, as YYYY-MM-DD. */
export function todayIso(now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}
