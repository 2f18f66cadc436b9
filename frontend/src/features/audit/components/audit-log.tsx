import { useState, type FormEvent } from 'react';
import type { components } from '@/api/schema';
import { ErrorAlert, Loading } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { SelectField, TextField } from '@/components/ui/form-field';
import { Pagination } from '@/components/ui/pagination';
import { formatDateTime } from '@/lib/dates';
import { formText } from '@/lib/form-data';
import { messages } from '@/lib/messages';
import { AUDIT_PER_PAGE, useAuditLog, type AuditFilter } from '../api/get-audit-log';
import { auditChanges } from '../utils/audit-changes';

type AuditEntry = components['schemas']['AuditEntry'];

const text = messages.audit;
const cell = 'border-b border-solid-gray-420 px-3 py-2 text-left align-top';

export type Actor = { id: number; name: string };

function entityLabel(entity: string): string {
  return text.entities[entity as keyof typeof text.entities] ?? entity;
}

function actionLabel(action: string): string {
  return text.actions[action as keyof typeof text.actions] ?? action;
}

function Changes({ entry }: { entry: AuditEntry }) {
  const [all, setAll] = useState(false);
  const changes = auditChanges(entry.before, entry.after, all);
  return (
    <div className="flex flex-col gap-2">
      <table className="w-full border-collapse text-dns-16N-130">
        <caption className="sr-only">{text.changesCaption(entityLabel(entry.entity), entry.entity_id)}</caption>
        <thead>
          <tr className="bg-solid-gray-50">
            <th scope="col" className={`${cell} w-1/5`}>
              {text.field}
            </th>
            <th scope="col" className={cell}>
              {text.before}
            </th>
            <th scope="col" className={cell}>
              {text.after}
            </th>
          </tr>
        </thead>
        <tbody>
          {changes.map((c) => (
            <tr key={c.field} className={c.changed && entry.action === 'update' ? 'bg-yellow-50' : undefined}>
              <th scope="row" className={`${cell} font-mono`}>
                {c.field}
              </th>
              <td className={`${cell} break-all whitespace-pre-wrap`}>{c.before ?? text.none}</td>
              <td className={`${cell} break-all whitespace-pre-wrap`}>{c.after ?? text.none}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {entry.action === 'update' && (
        <div>
          <Button variant="tertiary" size="sm" aria-pressed={all} onClick={() => setAll(!all)}>
            {all ? text.onlyChanged : text.showAll}
          </Button>
        </div>
      )}
    </div>
  );
}

function Entry({ entry }: { entry: AuditEntry }) {
  return (
    <li className="rounded-8 border border-solid-gray-420">
      <details>
        <summary className="flex cursor-pointer flex-wrap items-baseline gap-x-4 gap-y-1 px-4 py-3">
          <span className="tabular-nums">{formatDateTime(entry.occurred_at)}</span>
          <span className="text-std-16B-170">{entry.actor?.display_name || text.system}</span>
          <span>{text.summary(entityLabel(entry.entity), entry.entity_id, actionLabel(entry.action))}</span>
        </summary>
        <div className="border-t border-solid-gray-420 p-4">
          <Changes entry={entry} />
        </div>
      </details>
    </li>
  );
}

/** 監査ログ: every recorded change, newest first, filterable by kind, key and person, with before and after. */
export function AuditLog({ actors }: { actors: Actor[] }) {
  const [filter, setFilter] = useState<AuditFilter>({});
  const [page, setPage] = useState(1);
  const log = useAuditLog(filter, page);

  function apply(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const value = (name: string) => formText(form, name).trim() || undefined;
    const actor = value('actor_id');
    setFilter({ entity: value('entity'), entity_id: value('entity_id'), actor_id: actor ? Number(actor) : undefined });
    setPage(1);
  }

  return (
    <div className="flex flex-col gap-6">
      <form onSubmit={apply} aria-label={text.filters} className="flex flex-col gap-4 rounded-8 bg-solid-gray-50 p-4">
        <div className="grid gap-4 sm:grid-cols-3">
          <SelectField label={text.entity} name="entity" defaultValue="">
            <option value="">{messages.table.all}</option>
            {Object.entries(text.entities).map(([key, label]) => (
              <option key={key} value={key}>
                {label}
              </option>
            ))}
          </SelectField>
          <TextField label={text.entityId} name="entity_id" hint={text.entityIdHint} />
          <SelectField label={text.actor} name="actor_id" defaultValue="">
            <option value="">{messages.table.all}</option>
            {actors.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </SelectField>
        </div>
        <div>
          <Button type="submit" variant="secondary">
            {text.apply}
          </Button>
        </div>
      </form>
      {log.isPending ? (
        <Loading />
      ) : log.isError ? (
        <ErrorAlert error={log.error} />
      ) : (
        <>
          <p role="status">{text.count(log.data.total)}</p>
          {log.data.items.length === 0 ? (
            <p>{text.empty}</p>
          ) : (
            <ul className="flex flex-col gap-2">
              {log.data.items.map((e) => (
                <Entry key={e.id} entry={e} />
              ))}
            </ul>
          )}
          <Pagination page={page} pages={Math.max(1, Math.ceil(log.data.total / AUDIT_PER_PAGE))} onPage={setPage} />
        </>
      )}
    </div>
  );
}
