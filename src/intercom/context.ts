import type { ReachConfig } from '../claude/reach.ts';
import type { StoreContext } from '../store/context.ts';

/** What intercom's operations need: the store's context, and how to reach sessions without intercom. */
export interface IntercomContext extends StoreContext {
  reach: ReachConfig;
}
