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
#   bash scripts/install.sh site   only the website's tools (scripts/build-site.sh): no PyTorch
# Every version comes from constraints.txt, the versions the tests pass with.
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-course}
case $mode in
  course | hub | test | site) ;;
  *) echo "HATA: bilinmeyen kip '$mode'; course, hub, test ya da site yazın." \
          "/ ERROR: unknown mode '$mode'; use course, hub, test or site." >&2; exit 2 ;;
esac

case $mode in
  course) apt_packages=(dataset-fashion-mnist python3-venv) ;;
  hub) apt_packages=(dataset-fashion-mnist python3-venv git) ;;
  test) apt_packages=(dataset-fashion-mnist python3-venv git chromium) ;;
  site) apt_packages=(python3-venv) ;;
esac
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
if [ "$mode" = site ]; then
  "$py" -m pip install -q -c constraints.txt sphinx myst-nb sphinx-book-theme nbformat nbconvert
else
  # pip, which finds the builds on the course machines' disk (and the system's PyTorch, which uv
  # does not look at: astral-sh/uv#7358); exactly the constrained two, since a torchvision from
  # PyPI does not import beside the other PyTorch build there
  if ! "$py" -c 'import torch, torchvision' 2>/dev/null; then
    "$py" -m pip install -q -c constraints.txt torch torchvision
  fi
  # the rest with uv where it is installed (on a fresh clone about 6 times faster than pip),
  # with pip otherwise; the extra "course" brings JupyterLab, RISE and Voilà, "hub" the class
  # hub's, "test" the test and website tools
  install() {
    if command -v uv >/dev/null; then
      uv pip install -q --python "$py" --excludes <(printf 'torch\ntorchvision\n') \
        -c constraints.txt "$@"
    else
      "$py" -m pip install -q -c constraints.txt "$@"
    fi
  }
  if [ "$mode" = test ]; then
    install -e '.[course,hub,test]'
  elif [ "$mode" = hub ]; then
    install -e '.[course,hub]'
  else
    install -e '.[course]'
  fi
fi
# MathJax for the website and reveal.js for its lecture decks (scripts/build-site.sh serves both
# with the pages); in one npm call, since a --no-save install drops the packages before it
if { [ "$mode" = test ] || [ "$mode" = site ]; } &&
   { [ ! -f site/node_modules/mathjax/es5/tex-chtml-full.js ] ||
     [ ! -f site/node_modules/reveal.js/dist/reveal.js ]; }; then
  npm install --prefix site --no-save --no-audit --no-fund --silent mathjax@3.2.2 reveal.js@5.2.1
fi
if { [ "$mode" = test ] || [ "$mode" = hub ]; } &&
   [ ! -x scripts/hub/node_modules/.bin/configurable-http-proxy ]; then
  npm install --prefix scripts/hub --no-save --no-audit --no-fund --silent \
    configurable-http-proxy@5.3.0
fi
if [ "$mode" = site ]; then
  echo "Kurulum tamam / installed: the website's tools"
else
  echo "Kurulum tamam / installed: $("$py" -c 'import torch, d2lmini; print("torch", torch.__version__, "+ d2lmini")')"
fi
