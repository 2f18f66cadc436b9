import { PageTitle } from '@/components/ui/page-title';
import { PlanEditor } from '@/features/plans/components/plan-editor/plan-editor';
import { PlanTreeLoader } from '@/features/plans/components/plan-tree-loader';
import { messages } from '@/lib/messages';

export function PlanEditRoute() {
  return (
    <>
      <PageTitle title={messages.planEdit.title}>{messages.planEdit.title}</PageTitle>
      <p>{messages.planEdit.lead}</p>
      <PlanTreeLoader>{(tree) => <PlanEditor tree={tree} />}</PlanTreeLoader>
    </>
  );
}
