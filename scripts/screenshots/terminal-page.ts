// A tmux pane, as captured with its colours (`tmux capture-pane -e -p`), drawn as a terminal
// window in a web page for Chromium to photograph. The SGR colour codes become HTML through
// ansi_up (which also escapes the text); everything else here is the window around it.
import { AnsiUp } from 'ansi_up';

export interface TerminalWindow {
  /** Shown in the window's title bar, e.g. "session 1 · ~/webapp". */
  title: string;
  /** The pane's text with its escape sequences, as tmux printed it. */
  ansi: string;
}

/** The pane's lines without blank ones at either end, and a run of blank lines as one: Claude
 * Code keeps its input box at the foot of the pane, with empty rows above it until the
 * conversation fills them. */
export function trimPane(ansi: string): string {
  const blank = (line: string) => plainText(line).trim() === '';
  const lines = ansi
    .replace(/\r/g, '')
    .split('\n')
    .filter((line, i, all) => !(blank(line) && i > 0 && blank(all[i - 1]!)));
  while (lines.length && blank(lines[0]!)) lines.shift();
  while (lines.length && blank(lines.at(-1)!)) lines.pop();
  return lines.join('\n');
}

/** The visible text of a pane, escape sequences removed (what the script reports and tests read). */
export function plainText(ansi: string): string {
  return ansi.replace(/\x1b\[[0-9;:]*m/g, '');
}

/** Glyphs Claude Code draws that no font on a stock Debian has (they would show as empty boxes),
 * each with the nearest glyph DejaVu Sans Mono does have. */
const MISSING_GLYPHS: Record<string, string> = { '⏵': '▸' };

function windowHtml(window: TerminalWindow): string {
  const converter = new AnsiUp();
  converter.escape_html = true;
  const title = converter.ansi_to_html(window.title); // escaped like the body; the title has no colours
  return `<section class="window">
  <header><span class="dot r"></span><span class="dot y"></span><span class="dot g"></span><span class="title">${title}</span></header>
  <pre>${new AnsiUp().ansi_to_html(trimPane(window.ansi)).replace(/[⏵]/g, (c) => MISSING_GLYPHS[c]!)}</pre>
</section>`;
}

/** A page with the windows stacked, sized by its content (the script sets the viewport width). */
export function terminalPage(windows: TerminalWindow[]): string {
  return `<!doctype html>
<html><head><meta charset="utf-8"><style>
  body { margin: 0; padding: 16px; background: #ffffff; font-family: 'DejaVu Sans Mono', 'Liberation Mono', monospace; }
  .window { background: #1e1e1e; border-radius: 8px; overflow: hidden; box-shadow: 0 2px 10px rgba(0,0,0,.25); width: max-content; }
  .window + .window { margin-top: 14px; }
  header { background: #333; color: #ccc; font: 12px/28px 'DejaVu Sans', sans-serif; padding: 0 12px; display: flex; align-items: center; gap: 6px; }
  .dot { width: 11px; height: 11px; border-radius: 50%; display: inline-block; }
  .r { background: #ff5f57; } .y { background: #febc2e; } .g { background: #28c840; }
  .title { margin-left: 10px; }
  pre { margin: 0; padding: 10px 14px 12px; color: #d4d4d4; font-size: 15px; line-height: 1.165; font-family: inherit; }
</style></head><body>
${windows.map(windowHtml).join('\n')}
</body></html>`;
}
