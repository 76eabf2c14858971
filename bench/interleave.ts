// Runs several timed series trial by trial (A B C A B C …), so a machine whose speed drifts during
// the run moves every series alike and their ratios stay meaningful (DESIGN.md §5).

/**
 * `series`: name → one timed trial (ms). `warmup` rounds are run and thrown away (transpiler and
 * page caches). Returns name → the `runs` times, in run order.
 */
export async function interleaved<K extends string>(
  series: Record<K, () => Promise<number>>,
  runs: number,
  warmup = 2,
): Promise<Record<K, number[]>> {
  const names = Object.keys(series) as K[];
  const times = Object.fromEntries(names.map((n) => [n, [] as number[]])) as Record<K, number[]>;
  for (let round = 0; round < warmup + runs; round++) {
    for (const name of names) {
      const t = await series[name]();
      if (round >= warmup) times[name].push(t);
    }
  }
  return times;
}
