// The unit of a read text, shared by the readers (PDF, Markdown, plain text) and the search index.

/** A searchable piece of a text and where the reader finds it. */
export interface Block {
  /** md: index of the heading above (-1 before the first); pdf: page (1-based); txt: paragraph index */
  loc: number;
  text: string;
}
