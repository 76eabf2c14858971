#!/bin/bash
cat >/dev/null
echo "STATUSLINE: $(cat "$EXP_DIR/status.txt" 2>/dev/null)"
