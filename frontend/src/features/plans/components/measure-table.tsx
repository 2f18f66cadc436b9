import { messages } from '@/lib/messages';
import {
  departmentNames,
  directionLabel,
  measureHeading,
  measureTableTitle,
  type InitiativeRow,
  type MeasureNode,
} from '../utils/plan-tree';

const cell = 'border border-solid-gray-420 px-3 py-2 align-top text-left';

function Row({ row }: { row: InitiativeRow }) {
  return (
    <tr>
      <th scope="row" className={`${cell} text-std-16B-170`}>
        {row.name}
      </th>
      <td className={cell}>{departmentNames(row)}</td>
      {/* The city writes bullet lists with line breaks (・…); keep them. */}
      <td className={`${cell} whitespace-pre-wrap`}>{row.content}</td>
    </tr>
  );
}

/** One measure as the city's table prints it: heading, description, then its rows under ①②③. */
export function MeasureTable({ node }: { node: MeasureNode }) {
  const { measure } = node;
  const headingId = `measure-${measure.id}`;
  return (
    <section aria-labelledby={headingId} className="flex flex-col gap-4">
      <h3 id={headingId} className="text-std-24B-150 text-solid-gray-900">
        {measureHeading(measure)}
      </h3>
      {measure.description && <p className="max-w-[70em]">{measure.description}</p>}
      <div className="overflow-x-auto">
        <table className="w-full min-w-[48rem] border-collapse text-std-16N-170">
          <caption className="border border-b-0 border-solid-gray-420 bg-solid-gray-50 px-3 py-2 text-left text-std-17B-170">
            {measureTableTitle(measure)}
          </caption>
          <colgroup>
            <col className="w-[22%]" />
            <col className="w-[14%]" />
            <col />
          </colgroup>
          <thead className="bg-solid-gray-50">
            <tr>
              <th scope="col" className={cell}>
                {measure.item_label}
              </th>
              <th scope="col" className={cell}>
                {messages.table.departmentColumn}
              </th>
              <th scope="col" className={cell}>
                {messages.table.contentColumn}
              </th>
            </tr>
          </thead>
          {node.rows.length > 0 && (
            <tbody>
              {node.rows.map((row) => (
                <Row key={row.id} row={row} />
              ))}
            </tbody>
          )}
          {node.directions.map(({ direction, rows }) => (
            <tbody key={direction.id}>
              <tr>
                <th scope="rowgroup" colSpan={3} className={`${cell} bg-blue-50 text-std-17B-170 text-blue-1100`}>
                  {directionLabel(direction)}
                </th>
              </tr>
              {rows.map((row) => (
                <Row key={row.id} row={row} />
              ))}
            </tbody>
          ))}
        </table>
      </div>
    </section>
  );
}
