import type { FormEvent } from 'react';
import { ErrorAlert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/form-field';
import { ApiError } from '@/lib/api-error';
import { messages } from '@/lib/messages';
import { useCreateDirection } from '../../api/create-direction';
import { directionNumber, type MeasureNode } from '../../utils/plan-tree';
import { nextNumber } from '../../utils/structure';
import { focusIds, usePlanEditor } from './editor-context';
import { readText } from './form-values';

const text = messages.planStructure;

/** A new direction at the end of a 基本施策 (①②③ …). */
export function DirectionCreateForm({ node }: { node: MeasureNode }) {
  const { notify, focusLater } = usePlanEditor();
  const mutation = useCreateDirection();
  const number = nextNumber(node.directions.map((d) => d.direction.number));
  const fieldError = mutation.error instanceof ApiError ? mutation.error.fieldError('title') : undefined;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const title = readText(new FormData(form), 'title');
    mutation.mutate(
      { measureId: node.measure.id, number, title },
      {
        onSuccess: (direction) => {
          form.reset();
          notify(text.directionAdded(`${directionNumber(direction.number)}${direction.title}`));
          focusLater(focusIds.direction(direction.id));
        },
      },
    );
  }

  return (
    <form
      onSubmit={submit}
      aria-label={text.addDirection}
      className="flex flex-col gap-2 rounded-8 border border-dashed border-solid-gray-600 p-4 md:flex-row md:items-end"
      noValidate
    >
      <div className="grow">
        {mutation.isError && !fieldError && <ErrorAlert error={mutation.error} />}
        <TextField
          label={`${text.addDirection}（${messages.planEdit.directionTitle(directionNumber(number))}）`}
          name="title"
          required
          maxLength={200}
          error={fieldError}
        />
      </div>
      <Button type="submit" variant="secondary" disabled={mutation.isPending}>
        {text.add}
      </Button>
    </form>
  );
}
