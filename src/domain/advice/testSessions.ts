/** Test helper: a minimal valid session, overridden field by field. */
import type { AdviceSession, FollowUpContact, FollowUpStatus } from './types.ts';

export function makeSession(
  id: string,
  date: string,
  status: FollowUpStatus = 'toRemind',
  options: { insee?: string; contacts?: FollowUpContact[] } = {},
): AdviceSession {
  return {
    id,
    date,
    insee: options.insee ?? '62160',
    channel: 'permanence',
    householdStatus: 'ownerOccupier',
    dwellingType: 'house',
    topics: ['insulation'],
    followUp: { status, contacts: options.contacts ?? [], worksTypes: [] },
    householdId: `M-${id}`,
  };
}
