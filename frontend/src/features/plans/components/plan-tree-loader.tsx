import type { ReactNode } from 'react';
import { ErrorAlert, Loading } from '@/components/ui/alert';
import { messages } from '@/lib/messages';
import type { components } from '@/api/schema';
import { useCurrentPlan } from '../api/get-plans';
import { usePlanTree } from '../api/get-plan-tree';
import type { PlanTree } from '../utils/plan-tree';

type Plan = components['schemas']['Plan'];

function TreeOf({ plan, children }: { plan: Plan; children: (tree: PlanTree) => ReactNode }) {
  const tree = usePlanTree(plan.id);
  if (tree.isPending) return <Loading />;
  if (tree.isError) return <ErrorAlert error={tree.error} />;
  return children(tree.data);
}

/** Loads the chosen plan's tree and renders `children` with it, or the loading state, or the error. */
export function PlanTreeLoader({ children }: { children: (tree: PlanTree) => ReactNode }) {
  const plan = useCurrentPlan();
  if (plan.isPending) return <Loading />;
  if (plan.isError) return <ErrorAlert error={plan.error} />;
  if (!plan.data) return <p>{messages.errors.noPlan}</p>;
  // Keyed by plan: after switching plans, forms start from the chosen plan's values.
  return (
    <TreeOf key={plan.data.id} plan={plan.data}>
      {children}
    </TreeOf>
  );
}
