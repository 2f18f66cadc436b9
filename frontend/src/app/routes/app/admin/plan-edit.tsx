import { ErrorAlert, Loading } from '@/components/ui/alert';
import { PageTitle } from '@/components/ui/page-title';
import { useDepartments } from '@/features/departments/api/get-departments';
import { usePeriods } from '@/features/periods/api/get-periods';
import { PlanEditor } from '@/features/plans/components/plan-editor/plan-editor';
import { PlanTreeLoader } from '@/features/plans/components/plan-tree-loader';
import type { PlanTree } from '@/features/plans/utils/plan-tree';
import { messages } from '@/lib/messages';

// The editor needs the plan's periods (廃止する時期, the running periods a new row can join) and the departments
// (担当課): they belong to other features, so they are read here and handed in.
function PlanStructureEditor({ tree }: { tree: PlanTree }) {
  const periods = usePeriods(tree.plan.id);
  const departments = useDepartments();
  if (periods.isError) return <ErrorAlert error={periods.error} />;
  if (departments.isError) return <ErrorAlert error={departments.error} />;
  if (periods.isPending || departments.isPending) return <Loading />;
  return (
    <PlanEditor
      tree={tree}
      periods={periods.data}
      departments={departments.data.map(({ id, name, active }) => ({ id, name, active }))}
    />
  );
}

export function PlanEditRoute() {
  return (
    <>
      <PageTitle title={messages.planEdit.title}>{messages.planEdit.title}</PageTitle>
      <p>{messages.planEdit.lead}</p>
      <PlanTreeLoader>{(tree) => <PlanStructureEditor tree={tree} />}</PlanTreeLoader>
    </>
  );
}
