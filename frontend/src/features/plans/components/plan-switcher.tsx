import { useId, useState, type FormEvent } from 'react';
import { ErrorAlert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { formText } from '@/lib/form-data';
import { messages } from '@/lib/messages';
import { useChoosePlan } from '../api/choose-plan';
import { useCurrentPlan, usePlans } from '../api/get-plans';
import { activePlans, type Plan } from '../utils/current-plan';

const text = messages.plans;

/** An option's text: the plan's name, with its municipality when the plans belong to several. */
function optionLabel(plan: Plan, plans: Plan[]): string {
  const municipalities = new Set(plans.map((p) => p.municipality));
  return municipalities.size > 1 ? `${plan.municipality} ${plan.name}` : plan.name;
}

/**
 * The plan being worked on, for the header: its name, and while there is more than one plan to work on a choice
 * of them. The choice takes effect with 切り替える (not on every arrow key, which would reload the screen
 * under a keyboard user's hands) and is remembered on the server, so a reload or another device keeps it.
 * `onSwitch` runs as the switch begins (the screens show the chosen plan at once; a refusal switches back).
 */
export function PlanSwitcher({ onSwitch }: { onSwitch?: (plan: Plan) => void }) {
  const plans = usePlans();
  const current = useCurrentPlan();
  const choose = useChoosePlan();
  const [selected, setSelected] = useState<number | null>(null);
  const id = useId();

  if (!current.data || !plans.data) return null;
  const active = activePlans(plans.data);
  if (active.length < 2) {
    return (
      <p className="text-dns-16N-130 text-solid-gray-700">
        {current.data.municipality} {current.data.name}
      </p>
    );
  }

  const value = selected ?? current.data.id;
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const planId = Number(formText(new FormData(event.currentTarget), 'plan_id'));
    const plan = active.find((p) => p.id === planId);
    if (!plan || plan.id === current.data?.id) return;
    onSwitch?.(plan);
    choose.mutate(plan.id, { onSettled: () => setSelected(null) });
  }

  return (
    <form onSubmit={submit} className="flex flex-col gap-1" aria-label={text.switchLabel}>
      <div className="flex flex-wrap items-center gap-2">
        <label htmlFor={id} className="text-dns-16B-130 text-solid-gray-800">
          {text.switcher}
        </label>
        <select
          id={id}
          name="plan_id"
          value={value}
          onChange={(event) => setSelected(Number(event.target.value))}
          className="max-w-full min-w-0 rounded-8 border border-solid-gray-600 bg-white px-3 py-1.5 text-dns-16N-130 text-solid-gray-800 hover:border-black sm:max-w-80"
        >
          {active.map((p) => (
            <option key={p.id} value={p.id}>
              {optionLabel(p, active)}
            </option>
          ))}
        </select>
        <Button type="submit" variant="secondary" size="sm" disabled={choose.isPending || value === current.data.id}>
          {text.switchSubmit}
        </Button>
      </div>
      {choose.isError && <ErrorAlert error={choose.error} />}
    </form>
  );
}
