#!/usr/bin/env bash
# Install everything the course needs, idempotently:
#   bash scripts/install.sh        Debian's Fashion-MNIST files, a .venv with d2lmini, PyTorch,
#                                  JupyterLab with RISE (live slides), Voilà
#   bash scripts/install.sh test   the same, plus the test tools (pytest, nbval, Playwright, Chromium)
#                                  and the website's (Sphinx, myst-nb, sphinx-book-theme, MathJax,
#                                  reveal.js), and everything of the mode hub
#   bash scripts/install.sh hub    the course, plus the class hub (scripts/hub.sh): JupyterHub,
#                                  nbgitpuller and jupyterhub-idle-culler from PyPI, git, and
#                                  configurable-http-proxy from npm into scripts/hub/node_modules
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-course}
case $mode in
  course | hub | test) ;;
  *) echo "HATA: bilinmeyen kip '$mode'; course, hub ya da test yazın." \
          "/ ERROR: unknown mode '$mode'; use course, hub or test." >&2; exit 2 ;;
esac

apt_packages=(dataset-fashion-mnist python3-venv)
[ "$mode" = test ] && apt_packages+=(chromium)
[ "$mode" != course ] && apt_packages+=(git)
[ "$mode" != course ] && ! command -v npm >/dev/null && apt_packages+=(npm)

missing=()
if command -v dpkg >/dev/null; then
  for p in "${apt_packages[@]}"; do
    dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
  done
fi
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then sudo=(); elif command -v sudo >/dev/null; then sudo=(sudo); else sudo=(none); fi
  if [ "${sudo[0]:-}" = none ]; then
    echo "UYARI / WARNING: root değilsiniz, şu paketleri kurun / not root, please install: ${missing[*]}" >&2
  else
    "${sudo[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
fi

# --system-site-packages: a PyTorch that the machine already has is reused, not downloaded again.
[ -x .venv/bin/python ] || python3 -m venv --system-site-packages .venv
py=.venv/bin/python
# Exactly these two, although d2lmini needs only the ranges in pyproject.toml: on the course's
# machines they are the builds on local disk (pip downloads nothing), and a torchvision from PyPI
# does not import beside the other PyTorch file there.
if ! "$py" -c 'import torch, torchvision' 2>/dev/null; then
  "$py" -m pip install -q torch==2.14.1 torchvision==0.29.1
fi
# the extra "course" brings JupyterLab, RISE and Voilà, "hub" the class hub's, "test" the test and
# website tools
if [ "$mode" = hub ]; then
  "$py" -m pip install -q -e '.[course,hub]'
elif [ "$mode" = test ]; then
  "$py" -m pip install -q -e '.[course,hub,test]'
  # MathJax for the website and reveal.js for its lecture decks (scripts/build-site.sh serves
  # both with the pages); in one npm call, since a --no-save install drops the packages before it
  if [ ! -f site/node_modules/mathjax/es5/tex-chtml-full.js ] ||
     [ ! -f site/node_modules/reveal.js/dist/reveal.js ]; then
    npm install --prefix site --no-save --no-audit --no-fund --silent mathjax@3.2.2 reveal.js@5.2.1
  fi
else
  "$py" -m pip install -q -e '.[course]'
fi
if [ "$mode" != course ] && [ ! -x scripts/hub/node_modules/.bin/configurable-http-proxy ]; then
  npm install --prefix scripts/hub --no-save --no-audit --no-fund --silent \
    configurable-http-proxy@5.3.0
fi
echo "Kurulum tamam / installed: $("$py" -c 'import torch, d2lmini; print("torch", torch.__version__, "+ d2lmini")')"
