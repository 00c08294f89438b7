/** A table's header row: one column heading each (null: an empty heading, over a column of buttons). */
export function TableHead({ cols }: { cols: readonly (string | null)[] }) {
  return (
    <thead>
      <tr>
        {cols.map((c, i) => (
          <th key={i}>{c}</th>
        ))}
      </tr>
    </thead>
  );
}
