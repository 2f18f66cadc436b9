import type { FormEvent } from 'react';
import type { components } from '@/api/schema';
import { ErrorAlert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/form-field';
import { ApiError } from '@/lib/api-error';
import { changedFields } from '@/lib/changes';
import { messages } from '@/lib/messages';
import { useUpdatePlan } from '../../api/update-plan';
import { readText } from './form-values';

type Plan = components['schemas']['Plan'];
type UpdatePlan = components['schemas']['UpdatePlan'];

const text = messages.planEdit;

export function PlanForm({ plan, onSaved }: { plan: Plan; onSaved: () => void }) {
  const mutation = useUpdatePlan();
  const fieldError = (field: string) =>
    mutation.error instanceof ApiError ? mutation.error.fieldError(field) : undefined;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const changes = changedFields<UpdatePlan>(plan, {
      municipality: readText(form, 'municipality'),
      name: readText(form, 'name'),
      table_title: readText(form, 'table_title'),
    });
    if (Object.keys(changes).length > 0) mutation.mutate({ id: plan.id, ...changes }, { onSuccess: onSaved });
  }

  return (
    <form
      onSubmit={submit}
      aria-labelledby="plan-form"
      className="flex flex-col gap-4 rounded-8 bg-solid-gray-50 p-4"
      noValidate
    >
      <h2 id="plan-form" className="text-std-24B-150">
        {text.plan}
      </h2>
      {mutation.isError && <ErrorAlert error={mutation.error} />}
      <div className="grid gap-4 md:grid-cols-3">
        <TextField
          label={text.municipality}
          name="municipality"
          defaultValue={plan.municipality}
          required
          maxLength={100}
          error={fieldError('municipality')}
        />
        <TextField
          label={text.planName}
          name="name"
          defaultValue={plan.name}
          required
          maxLength={200}
          error={fieldError('name')}
        />
        <TextField
          label={text.tableTitle}
          name="table_title"
          defaultValue={plan.table_title}
          required
          maxLength={200}
          error={fieldError('table_title')}
        />
      </div>
      <div>
        <Button type="submit" disabled={mutation.isPending}>
          {messages.save}
        </Button>
      </div>
    </form>
  );
}
