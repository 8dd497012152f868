#!/usr/bin/env bash
# Publish the student editions on a branch that Colab, Binder and nbgitpuller links can open:
#   bash scripts/student-branch.sh GITDIR [BRANCH]   ->  a new commit on BRANCH (ogrenci) of GITDIR
# The commit holds notebooks/*.ipynb (the editions of bash scripts/student-edition.sh), the images
# under img/ that they show with their credits, a README, and an environment.yml for Binder that
# installs the course from main. GITDIR's working tree, index and HEAD are left as they are; the
# branch's previous tip is the parent, and nothing is committed when nothing changed. On every push
# to main, CI runs it on its checkout and pushes the branch (.github/workflows/student-branch.yml).
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:-}
branch=${2:-ogrenci}
if [ -z "$target" ] || ! git -C "$target" rev-parse --git-dir >/dev/null 2>&1; then
  echo "HATA: bir git deposunun klasörünü verin: bash scripts/student-branch.sh KLASÖR [DAL]" \
       "/ ERROR: give a git repository's folder: bash scripts/student-branch.sh DIR [BRANCH]" >&2
  exit 2
fi
url=$(python3 -c "import tomllib; print(tomllib.load(open('pyproject.toml', 'rb'))"`
                `"['project']['urls']['Repository'])")
stage=$(mktemp -d)
index=$(mktemp -u)
trap 'rm -rf "$stage" "$index"' EXIT

bash scripts/student-edition.sh "$stage/notebooks" >/dev/null
mkdir -p "$stage/img"
for image in $(grep -oh '\.\./img/[A-Za-z0-9._/-]*' "$stage"/notebooks/*.ipynb | sort -u); do
  mkdir -p "$stage/$(dirname "${image#../}")"
  cp "${image#../}" "$stage/${image#../}"
done
cp img/CREDITS.md "$stage/img/"
sed "s#- -e \.\[course,test\]#- d2lmini[course] @ git+$url@main#" environment.yml \
  > "$stage/environment.yml"
source=$(git rev-parse --short HEAD)
colab=https://colab.research.google.com/github/${url#https://github.com/}/blob/$branch/notebooks
cat > "$stage/README.md" <<TEXT
# Öğrenci baskıları / student editions

Bu dal, [dersin deposunun]($url) \`main\` dalından \`scripts/student-branch.sh\` ile yazılır;
elle değiştirmeyin (hangi sürümden yazıldığı her işlemenin iletisinde). \`notebooks/\` klasöründe
her bölüm çözümleri çıkarılmış hâliyle durur, şekilleri \`img/\` altında.

- Colab: \`$colab/<bölüm>.ipynb\`
- sınıf hub'ı: \`python3 scripts/hub/link.py HUB_ADRESİ 03 --ogrenci\` (\`main\` dalında)

Written from \`main\` by \`scripts/student-branch.sh\`; do not edit by hand.
TEXT

export GIT_INDEX_FILE=$index
export GIT_AUTHOR_NAME=${GIT_AUTHOR_NAME:-d2lmini-tr}
export GIT_AUTHOR_EMAIL=${GIT_AUTHOR_EMAIL:-d2lmini-tr@users.noreply.github.com}
export GIT_COMMITTER_NAME=${GIT_COMMITTER_NAME:-$GIT_AUTHOR_NAME}
export GIT_COMMITTER_EMAIL=${GIT_COMMITTER_EMAIL:-$GIT_AUTHOR_EMAIL}
git -C "$target" --work-tree="$stage" add --all .
tree=$(git -C "$target" write-tree)
parent=$(git -C "$target" rev-parse -q --verify "refs/heads/$branch" || true)
if [ -n "$parent" ] && [ "$(git -C "$target" rev-parse "$parent^{tree}")" = "$tree" ]; then
  echo "$branch: değişiklik yok / unchanged"
  exit 0
fi
commit=$(git -C "$target" commit-tree "$tree" ${parent:+-p "$parent"} \
           -m "Öğrenci baskıları, main $source / student editions from main $source")
git -C "$target" update-ref "refs/heads/$branch" "$commit"
echo "$branch: $commit"
