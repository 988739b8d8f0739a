#!/usr/bin/env bash
# Reproduces the committed router weights (router/src/main/resources/io/edgerouter/router/router-weights.json)
# from ../shared/data/routing (never copied into the repository). Embeddings are cached outside the repository
# in ${ROUTER_CACHE:-/tmp/router-cache}. Extra arguments are passed to TrainCommand (e.g. --model lr:both).
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
DATA="$ROOT/../shared/data/routing/mmlu"
CACHE="${ROUTER_CACHE:-/tmp/router-cache}"
mkdir -p "$CACHE"
build_router
exec java "${JAVA_OPTS[@]}" -cp "$CP" io.edgerouter.router.train.TrainCommand --data "$DATA" \
  --cache "$CACHE/emb_h48_t16.bin" --head 48 --tail 16 --model lr:both@gain \
  --out "$ROOT/router/src/main/resources/io/edgerouter/router/router-weights.json" "$@"
