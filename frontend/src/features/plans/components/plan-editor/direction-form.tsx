import type { FormEvent } from 'react';
import { ErrorAlert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/form-field';
import { ApiError } from '@/lib/api-error';
import { messages } from '@/lib/messages';
import { useUpdateDirection } from '../../api/update-direction';
import { directionNumber, type Direction } from '../../utils/plan-tree';
import { readText } from './form-values';

export function DirectionForm({ direction, onSaved }: { direction: Direction; onSaved: () => void }) {
  const mutation = useUpdateDirection();

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const title = readText(new FormData(event.currentTarget), 'title');
    if (title !== direction.title) mutation.mutate({ id: direction.id, title }, { onSuccess: onSaved });
  }

  return (
    <form onSubmit={submit} className="flex flex-col gap-2 md:flex-row md:items-end" noValidate>
      <div className="grow">
        {mutation.isError && <ErrorAlert error={mutation.error} />}
        <TextField
          label={messages.planEdit.directionTitle(directionNumber(direction.number))}
          name="title"
          defaultValue={direction.title}
          required
          maxLength={200}
          error={mutation.error instanceof ApiError ? mutation.error.fieldError('title') : undefined}
        />
      </div>
      <Button type="submit" variant="secondary" disabled={mutation.isPending}>
        {messages.save}
      </Button>
    </form>
  );
}
