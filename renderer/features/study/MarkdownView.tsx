import { useRef } from 'react';
import Markdown, { defaultUrlTransform, type Components } from 'react-markdown';
import remarkGfm from 'remark-gfm';
import { headingId } from './outline';

/** case:<id> → the case in the reader, doc:<id> → the document; other links as react-markdown makes them safe. */
export function inAppLinks(url: string): string {
  const m = /^(case|doc):([a-z0-9-]{1,80})$/.exec(url);
  if (m) return m[1] === 'case' ? `#/read/${m[2]}/case` : `#/read/${m[2]}`;
  return defaultUrlTransform(url);
}

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
    // the guides link cases (case:<id>) and other documents (doc:<id>) inside the app
    a: ({ children, href }) =>
      href?.startsWith('#/') ? (
        <a href={href}>{children}</a>
      ) : (
        <a href={href} target="_blank" rel="noreferrer noopener">
          {children}
        </a>
      ),
    img: () => null,
  };
  return (
    <article className="md">
      <Markdown remarkPlugins={[remarkGfm]} components={components} urlTransform={inAppLinks} skipHtml>
        {text}
      </Markdown>
    </article>
  );
}
