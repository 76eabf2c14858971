#!/bin/bash
# throwaway: $1 = event name; behaviour from $EXP_DIR/variant
ev="$1"; d="$EXP_DIR"; v="$(cat "$d/variant" 2>/dev/null)"
in="$(cat)"
printf '%s %s\n' "$ev" "$in" >> "$d/hook-log.jsonl"
echo "last event $ev at $(date +%T)" > "$d/status.txt"
case "$v:$ev" in
  json:Notification) printf '{"systemMessage":"NOTIF-SM via Notification hook"}\n';;
  json:PermissionRequest) printf '{"systemMessage":"PERMREQ-SM via PermissionRequest hook","hookSpecificOutput":{"hookEventName":"PermissionRequest"}}\n';;
  exit2:Notification) echo "NOTIF-EXIT2 stderr" >&2; exit 2;;
  exit2:PermissionRequest) echo "PERMREQ-EXIT1 stderr" >&2; exit 1;;
  plain:Notification) echo "NOTIF-PLAIN stdout";;
  plain:PermissionRequest) echo "PERMREQ-PLAIN stdout";;
esac
exit 0
