// Outline of a Markdown document: its headings, with stable ids the reader scrolls to.
export interface OutlineItem {
  id: string;
  level: number;
  text: string;
}

export function headingId(index: number): string {
  return `h-${index}`;
}

export function markdownOutline(md: string): OutlineItem[] {
  const out: OutlineItem[] = [];
  let inFence = false;
  for (const line of md.split('\n')) {
    if (/^```/.test(line)) inFence = !inFence;
    if (inFence) continue;
    const m = /^(#{1,4})\s+(.+?)\s*#*\s*$/.exec(line);
    if (m) out.push({ id: headingId(out.length), level: m[1]!.length, text: m[2]! });
  }
  return out;
}
