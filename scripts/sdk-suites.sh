#!/usr/bin/env bash
# Runs the official SDKs' generated API tests against this mock (see the issue-13 note for the figures).
#
#   scripts/sdk-suites.sh NODE_SDK_DIR PYTHON_SDK_DIR [serve flags…]
#
# NODE_SDK_DIR: a checkout of openai-node with its dev dependencies installed
#   (npm install --no-package-lock --ignore-scripts); PYTHON_SDK_DIR: a checkout of openai-python, run
#   from its src/ with a python ($PYTHON) that has its runtime deps and pytest, pytest-asyncio,
#   pytest-xdist and rich (pip install from the local wheelhouse). Neither
#   checkout belongs in this repository. Serve flags default to --conformance; pass e.g.
#   --generate-missing for the realistic profile. Prints pass/fail counts; JSON reports go to $OUT_DIR.
set -euo pipefail
node_sdk=${1:?path to openai-node}
python_sdk=${2:?path to openai-python}
shift 2
flags=("$@")
[ ${#flags[@]} -eq 0 ] && flags=(--conformance)
root=$(cd "$(dirname "$0")/.." && pwd)
port=${PORT:-4010}
out=${OUT_DIR:-$(mktemp -d)}
python=${PYTHON:-python3}

npm --prefix "$root" run build --silent
node "$root/dist/cli.js" serve --port "$port" "${flags[@]}" > "$out/serve.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  curl -sf "http://127.0.0.1:$port/__mock/health" > /dev/null && break
  sleep 0.2
done
export TEST_API_BASE_URL="http://127.0.0.1:$port"
# Warm up (simulators and tokenizer load on first use) so the suites' 5 s timeouts measure answers, not loading.
curl -sf "$TEST_API_BASE_URL/v1/chat/completions" -H 'content-type: application/json' \
  -d '{"model":"gpt-4o","messages":[{"role":"user","content":"hi"}]}' > /dev/null || true
curl -sf "$TEST_API_BASE_URL/v1/responses" -H 'content-type: application/json' \
  -d '{"model":"gpt-4o","input":"hi"}' > /dev/null || true

if [ -d "$node_sdk" ]; then
  (cd "$node_sdk" && OPENAI_TEST_SUITE=generated ./node_modules/.bin/jest tests/api-resources \
    --runInBand --json --outputFile="$out/node.json" > "$out/node.log" 2>&1 || true)
  node -e 'const r = require(process.argv[1]); console.log(`openai-node tests/api-resources: ${r.numPassedTests} passed, ${r.numFailedTests} failed of ${r.numTotalTests}`)' "$out/node.json"
fi
if [ -d "$python_sdk" ]; then
  (cd "$python_sdk" && PYTHONPATH=src "$python" -m pytest tests/api_resources -q -p no:cacheprovider \
    -o addopts="" -n "${PYTEST_WORKERS:-4}" \
    > "$out/python.log" 2>&1 || true)
  echo "openai-python tests/api_resources: $(tail -1 "$out/python.log")"
fi
echo "logs and reports in $out"
