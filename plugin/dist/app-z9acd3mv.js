// @bun
// src/core/ranges.ts
var ASK_TIMEOUT_S = { min: 1, max: 600, whole: true, unit: "seconds", default: 120 };
var CLAIM_TTL_MINUTES = {
  min: 0,
  aboveMin: true,
  max: 24 * 60,
  whole: false,
  unit: "minutes",
  default: 60
};
var MAX_CLAIM_PATTERNS = 50;
var SESSIONS_LIMIT = { min: 1, max: 500, whole: true, default: 20 };
var SEARCH_LIMIT = { min: 1, max: 50, whole: true, default: 20 };
var OFFSET = { min: 0, max: Number.MAX_SAFE_INTEGER, whole: true, default: 0 };
function inRange(value, range) {
  if (!Number.isFinite(value) || range.whole && !Number.isInteger(value))
    return false;
  return (range.aboveMin ? value > range.min : value >= range.min) && value <= range.max;
}
function rangeText(range) {
  const what = `${range.whole ? "a whole number" : "a number"}${range.unit ? ` of ${range.unit}` : ""}`;
  if (range.max >= Number.MAX_SAFE_INTEGER)
    return `${what}, ${range.min} or more`;
  if (range.aboveMin)
    return `${what} more than ${range.min} and at most ${range.max}`;
  return `${what} from ${range.min} to ${range.max}`;
}

export { ASK_TIMEOUT_S, CLAIM_TTL_MINUTES, MAX_CLAIM_PATTERNS, SESSIONS_LIMIT, SEARCH_LIMIT, OFFSET, inRange, rangeText };
