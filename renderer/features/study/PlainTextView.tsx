import { paragraphs } from './paragraphs';

/** Extracted text (TXT, DOCX): one paragraph per block, each with the id search results point at. */
export function PlainTextView({ text }: { text: string }) {
  return (
    <article className="md plain">
      {paragraphs(text).map((p, i) => (
        <p key={i} id={`b-${i}`}>
          {p}
        </p>
      ))}
    </article>
  );
}
