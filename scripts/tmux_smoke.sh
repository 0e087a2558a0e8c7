#!/usr/bin/env bash
# Drive the app in a real terminal: overview -> black hole -> first lead -> back -> quit.
# Usage: scripts/tmux_smoke.sh [STORE.duckdb]   (default: builds the demo store via `lead-lens demo`'s path)
set -euo pipefail
cd "$(dirname "$0")/.."
STORE="${1:-}"
if [[ -z "$STORE" ]]; then
  echo "usage: $0 STORE.duckdb  (e.g. a store built by 'lead-lens ingest sample_data')" >&2
  exit 2
fi
SESSION="lead-lens-smoke-$$"
tmux new-session -d -s "$SESSION" -x 120 -y 40 \
  ".venv/bin/python -m lead_lens --db '$STORE'; echo LEAD-LENS-EXITED=\$?; sleep 30"
trap 'tmux kill-session -t "$SESSION" 2>/dev/null || true' EXIT
wait_for() {
  for _ in $(seq 1 100); do
    if tmux capture-pane -p -t "$SESSION" | grep -q -- "$1"; then return 0; fi
    sleep 0.2
  done
  echo "FAIL: '$1' never appeared" >&2; tmux capture-pane -p -t "$SESSION" >&2; exit 1
}
wait_for "Funnel";            echo "ok overview"
tmux send-keys -t "$SESSION" b
wait_for "Days since sales";  echo "ok leads"
tmux send-keys -t "$SESSION" Enter
wait_for "BLACK HOLE";        echo "ok lead timeline"
# Escape and q as two keystrokes: sent together, a terminal reads ESC q as Alt+q.
tmux send-keys -t "$SESSION" Escape
sleep 0.5
tmux send-keys -t "$SESSION" q
wait_for "LEAD-LENS-EXITED=0"; echo "ok clean quit"
