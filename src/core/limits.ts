// How much one answer may hand the model. Claude Code cuts (or spills to a file) an MCP tool
// result past ~25,000 tokens, and a flood of peer text crowds out the user's task, so every tool
// result stays under this many characters: about 6-8k tokens of English. (A hook's delivery has
// a smaller bound of its own: src/hooks/deliver.ts.) Kept here, with no imports, so anything can
// share it without loading anything.

/** Most characters one tool result (its text, and separately its structuredContent JSON) may carry. */
export const MAX_RESULT_CHARS = 24_000;
