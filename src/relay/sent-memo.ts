// The recipients of messages sent from this machine, remembered for the receipts other machines
// send back (inbox-pump.ts keeps only receipts of copies this machine sent). The outbox pump
// fills it as it publishes, from the very file it published (a hard link of the logged message),
// so a burst of receipts does not read the log once per message; an id it does not hold is read
// from the log as before.

/** Ids remembered at most; beyond, the memo starts over (what it forgets is read from the log). */
const MAX_IDS = 20_000;

export interface SentMemo {
  /** The local recipients (`to`, in the store's form) of `id`; undefined for a message not sent here; absent when not known. */
  get(id: string): { to: string[] | undefined } | undefined;
  set(id: string, to: string[] | undefined): void;
}

export function createSentMemo(): SentMemo {
  const ids = new Map<string, string[] | undefined>();
  return {
    get: (id) => (ids.has(id) ? { to: ids.get(id) } : undefined),
    set(id, to) {
      if (ids.size >= MAX_IDS) ids.clear();
      ids.set(id, to);
    },
  };
}
