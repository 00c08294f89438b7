import { useRef } from 'react';
import Markdown, { type Components } from 'react-markdown';
import remarkGfm from 'remark-gfm';
import { headingId } from './outline';

/** Markdown rendered with react-markdown + GFM; headings get the ids the outline links to. */
export function MarkdownView({ text }: { text: string }) {
  const counter = useRef(0);
  counter.current = 0;
  const heading =
    (Tag: 'h1' | 'h2' | 'h3' | 'h4') =>
    ({ children }: { children?: React.ReactNode }) => <Tag id={headingId(counter.current++)}>{children}</Tag>;
  const components: Components = {
    h1: heading('h1'),
    h2: heading('h2'),
    h3: heading('h3'),
    h4: heading('h4'),
    a: ({ children, href }) => (
      <a href={href} target="_blank" rel="noreferrer noopener">
        {children}
      </a>
    ),
    img: () => null,
  };
  return (
    <article className="md">
      <Markdown remarkPlugins={[remarkGfm]} components={components} skipHtml>
        {text}
      </Markdown>
    </article>
  );
}
