// `npm run bench`: every benchmark, one line of numbers each. Bars: DESIGN.md §5.
const scripts = ['throughput.ts', 'server-start.ts', 'hooks.ts', 'wake.ts', 'wake-many.ts', 'sessions.ts'];
for (const script of scripts) {
  const proc = Bun.spawn([process.execPath, new URL(script, import.meta.url).pathname], { stdout: 'inherit', stderr: 'inherit' });
  if ((await proc.exited) !== 0) process.exitCode = 1;
}
