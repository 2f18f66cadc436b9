import { messages } from './messages';

/** 「締切まであと5日」, 「本日が締切です」 or 「締切を3日過ぎています」 for days until the deadline (negative: past). */
export function deadlineText(days: number): string {
  if (days > 0) return messages.deadline.left(days);
  if (days === 0) return messages.deadline.today;
  return messages.deadline.passed(-days);
}
