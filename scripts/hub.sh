#!/usr/bin/env bash
# Start the class hub: JupyterHub on 127.0.0.1 for one class, as root (each student becomes a
# system user of their own), after `bash scripts/install.sh hub`; it needs no network.
#   sudo bash scripts/hub.sh     ->  http://127.0.0.1:8000 (D2LMINI_HUB_PORT), state in hub-state/
# The settings are in scripts/hub/jupyterhub_config.py. The class password (for the board) and the
# teacher's (user "ogretmen") are made once and kept in hub-state/, unless D2LMINI_HUB_PASSWORD and
# D2LMINI_HUB_ADMIN_PASSWORD are set. Links per chapter: python3 scripts/hub/link.py.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
if [ "$(id -u)" != 0 ]; then
  echo "HATA: hub root olarak çalışır (her öğrenci ayrı bir sistem kullanıcısı olur): sudo bash" \
       "scripts/hub.sh / ERROR: the hub runs as root (each student is a system user)." >&2
  exit 1
fi
if [ ! -x scripts/hub/node_modules/.bin/configurable-http-proxy ] ||
   ! .venv/bin/python -c 'import jupyterhub, nbgitpuller, jupyterhub_idle_culler' 2>/dev/null; then
  echo "HATA: hub kurulu değil; önce: bash scripts/install.sh hub" \
       "/ ERROR: the hub is not installed; first: bash scripts/install.sh hub" >&2
  exit 1
fi
# the students run the course's Python themselves: every folder above it must let them through
if ! runuser -u nobody -- .venv/bin/python -c '' 2>/dev/null; then
  echo "HATA: öğrenciler $(readlink -f .venv/bin/python) programını çalıştıramıyor (üstündeki bir" \
       "klasöre girilemiyor); dersi herkesin girebildiği bir Python ile kurun. / ERROR: students" \
       "cannot run the course's Python (a folder above it is closed to them)." >&2
  exit 1
fi
# the hub's users (students and teacher) are the members of this group; no one else may log in
getent group d2lmini-sinif >/dev/null || groupadd d2lmini-sinif
state=${D2LMINI_HUB_STATE:-$root/hub-state}
mkdir -p "$state"
chmod 700 "$state"
# a password written once into the state folder, readable by root alone
kept() {
  [ -s "$state/$1" ] || (umask 077; python3 -c "import secrets; print(secrets.token_urlsafe($2))" \
                                      > "$state/$1")
  cat "$state/$1"
}
export D2LMINI_HUB_PASSWORD=${D2LMINI_HUB_PASSWORD:-$(kept sinif-parolasi 6)}
export D2LMINI_HUB_ADMIN_PASSWORD=${D2LMINI_HUB_ADMIN_PASSWORD:-$(kept ogretmen-parolasi 32)}
echo "Sınıf parolası / class password: $D2LMINI_HUB_PASSWORD" \
     "(öğretmen / teacher: ogretmen, parolası / password in $state/ogretmen-parolasi)"
cd "$state"
exec "$root/.venv/bin/jupyterhub" -f "$root/scripts/hub/jupyterhub_config.py"
