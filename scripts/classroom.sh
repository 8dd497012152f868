#!/usr/bin/env bash
# Classroom mode: the chapters' demos as full-screen apps (Voilà), served from this machine only.
#   bash scripts/classroom.sh                       all demos in demos/, listed on one page
#   bash scripts/classroom.sh demos/02-sinir-stil-transferi.ipynb   one demo
# Voilà opens the page in the browser (http://127.0.0.1:8866/); further arguments go to Voilà,
# e.g. --port=8870 or --no-browser. Nothing is fetched from the network: the page template
# "sinif" (scripts/voila/templates/sinif) leaves out the CDN links of Voilà's stock page and
# sets projector-sized type; code cells are never shown (--strip_sources).
# Each page runs in a kernel of its own. A closed or reloaded page leaves its kernel idle with no
# connection (the page's own request to shut it down is refused: voila-dashboards/voila#1458):
# the server shuts such a kernel down after 60 s, checking every 10 s. A page that stays open
# keeps its kernel however long it sits idle; a kernel at work is never shut down. These settings
# are in scripts/voila/voila.json; an argument such as --MappingKernelManager.cull_idle_timeout=300
# overrides them.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
target=$root/demos
if [ $# -gt 0 ] && [ "${1#-}" = "$1" ]; then target=$1; shift; fi
export JUPYTER_PATH="$root/scripts${JUPYTER_PATH:+:$JUPYTER_PATH}"
export JUPYTER_CONFIG_PATH="$root/scripts/voila${JUPYTER_CONFIG_PATH:+:$JUPYTER_CONFIG_PATH}"
exec "$root/.venv/bin/voila" "$target" --template=sinif --theme=light --strip_sources=True \
  --Voila.ip=127.0.0.1 "$@"
