// Time is injected so tests can pin it: what the store records (ids, timestamps, expiry,
// retention) comes from a Clock. Waiting with deadlines uses real time.
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

export function fixedClock(start: number): Clock & { advance(ms: number): void } {
  let t = start;
  return {
    now: () => t,
    advance(ms: number) {
      t += ms;
    },
  };
}
