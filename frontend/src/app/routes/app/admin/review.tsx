import { PageTitle } from '@/components/ui/page-title';
import { useEvaluationGrades } from '@/features/plans/api/get-evaluation-grades';
import { usePlanTree } from '@/features/plans/api/get-plan-tree';
import { rowContexts } from '@/features/plans/utils/plan-tree';
import { ReviewQueue } from '@/features/reports/components/review-queue';
import { messages } from '@/lib/messages';
import { reportPath } from '../../../paths';
import { WithPeriod } from '../period-param';

function Queue({ periodId, planId }: { periodId: number; planId: number }) {
  const tree = usePlanTree(planId);
  const grades = useEvaluationGrades(planId);
  return (
    <ReviewQueue
      periodId={periodId}
      rows={tree.data ? rowContexts(tree.data) : new Map()}
      grades={grades.data ?? []}
      reportHref={reportPath}
    />
  );
}

export function ReviewRoute() {
  return (
    <>
      <PageTitle title={messages.review.title}>{messages.review.title}</PageTitle>
      <p>{messages.review.lead}</p>
      <WithPeriod>{(period, planId) => <Queue key={period.id} periodId={period.id} planId={planId} />}</WithPeriod>
    </>
  );
}
