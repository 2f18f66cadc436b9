import { Link } from 'react-router';
import { PageTitle } from '@/components/ui/page-title';
import { messages } from '@/lib/messages';
import { paths } from '../paths';

export function NotFoundRoute() {
  return (
    <div className="flex flex-col gap-4">
      <PageTitle title={messages.notFound.title}>{messages.notFound.title}</PageTitle>
      <p>{messages.notFound.lead}</p>
      <p>
        <Link to={paths.home}>{messages.notFound.back}</Link>
      </p>
    </div>
  );
}
