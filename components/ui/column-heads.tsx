// The header row of a data table: one <th scope="col"> per column, the outer columns with the
// table's wider padding, numbers aligned right.
import type { ReactNode } from 'react';

export interface Column {
  label: ReactNode;
  /** Right-aligned, for a column of numbers. */
  numeric?: boolean;
}

export function ColumnHeads({ columns }: { columns: readonly Column[] }) {
  return (
    <thead className="border-b border-roast-100 text-roast-700">
      <tr>
        {columns.map((column, i) => {
          const outer = i === 0 || i === columns.length - 1;
          return (
            <th
              key={i}
              scope="col"
              className={`${outer ? 'px-4' : 'px-2'} py-2 ${column.numeric ? 'text-right ' : ''}font-semibold`}
            >
              {column.label}
            </th>
          );
        })}
      </tr>
    </thead>
  );
}
