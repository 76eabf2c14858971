// How much one answer may hand the model. Claude Code cuts (or spills to a file) an MCP tool
// result past ~25,000 tokens, and a flood of peer text crowds out the user's task, so every tool
// result and every hook delivery stays under this many characters: about 6-8k tokens of English.
// Kept here, with no imports, so the hooks' fast path can share it without loading anything.

/** Most characters one tool result (its text, and separately its structuredContent JSON) or one hook delivery may carry. */
export const MAX_RESULT_CHARS = 24_000;
