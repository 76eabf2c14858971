// list_sessions over 1,000 transcripts of 1 MB each (median of 10 runs; bar: 300 ms), next to
// what reading every file whole would cost. Files are written once (1 GB) and removed after.
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { discoverSessions } from '../src/claude/discover.ts';
import { listSessionViews, takeSnapshot } from '../src/claude/session-list.ts';
import { sessionRecords, transcriptFile } from '../test/helpers/transcripts.ts';
import { median, ms, percentile } from './stats.ts';

const COUNT = Number(process.env.BENCH_TRANSCRIPTS ?? 1000);
const sandbox = mkdtempSync(join(tmpdir(), 'intercom-bench-sessions-'));
try {
  const configDir = join(sandbox, 'claude');
  const template = sessionRecords('00000000-0000-4000-8000-000000000000', '/w/p', ['first prompt of the session'], 1024 * 1024)
    .map((r) => JSON.stringify(r))
    .join('\n');
  for (let i = 0; i < COUNT; i++) {
    const id = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
    const cwd = `/w/project-${i % 25}`;
    const path = transcriptFile(configDir, cwd, id);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, `${template.replaceAll('00000000-0000-4000-8000-000000000000', id).replaceAll('/w/p', cwd)}\n`);
  }
  const heads: number[] = [];
  let listed = 0;
  for (let run = 0; run < 11; run++) {
    const t0 = performance.now();
    listed = discoverSessions([configDir]).length;
    if (run > 0) heads.push(performance.now() - t0); // the first run warms the page cache
  }
  // The whole list_sessions path: transcripts, one ps snapshot, one tmux list-panes, the view.
  const full: number[] = [];
  for (let run = 0; run < 10; run++) {
    const t0 = performance.now();
    listSessionViews(takeSnapshot([configDir], { serverArgs: [] }, []), { scope: 'all', limit: 500, now: Date.now() });
    full.push(performance.now() - t0);
  }
  const whole: number[] = [];
  const files = discoverSessions([configDir]).map((s) => s.transcript);
  for (let run = 0; run < 3; run++) {
    const t0 = performance.now();
    for (const f of files) for (const line of readFileSync(f, 'utf8').split('\n')) if (line) JSON.parse(line);
    whole.push(performance.now() - t0);
  }
  console.log(`list_sessions over ${listed} transcripts of 1 MB: median ${ms(median(heads))}, p90 ${ms(percentile(heads, 90))} (n=10)`);
  console.log(`  with liveness (one ps, one tmux list-panes) and the views: median ${ms(median(full))} (n=10)`);
  console.log(`  reading and parsing each file whole instead: median ${ms(median(whole))} (n=3)`);
} finally {
  rmSync(sandbox, { recursive: true, force: true });
}
