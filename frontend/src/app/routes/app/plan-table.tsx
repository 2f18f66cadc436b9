import { PageTitle } from '@/components/ui/page-title';
import { PlanTable } from '@/features/plans/components/plan-table';
import { PlanTreeLoader } from '@/features/plans/components/plan-tree-loader';
import { messages } from '@/lib/messages';

export function PlanTableRoute() {
  return (
    <>
      <PageTitle title={messages.nav.table}>{messages.nav.table}</PageTitle>
      <PlanTreeLoader>
        {(tree) => (
          <>
            <p className="-mt-6 text-std-18N-160 text-solid-gray-700">
              {tree.plan.municipality} {tree.plan.name} {tree.plan.table_title}
            </p>
            <PlanTable tree={tree} />
          </>
        )}
      </PlanTreeLoader>
    </>
  );
}
