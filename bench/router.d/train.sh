#!/usr/bin/env bash
# Reproduces the committed router weights (router/src/main/resources/io/edgerouter/router/router-weights.json)
# from ../shared/data/routing (never copied into the repository). Embeddings are cached outside the repository
# in ${ROUTER_CACHE:-/tmp/router-cache}. Extra arguments are passed to TrainCommand (e.g. --model lr:both); the
# embedding window and depth come from HEAD_PIECES, TAIL_PIECES and LAYERS (defaults: the committed 32 + 16, 6 layers).
#   bench/router.d/train.sh --static    reproduces the static-MiniLM model (router-weights-static.json) instead
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
DATA="$ROOT/../shared/data/routing/mmlu"
CACHE="${ROUTER_CACHE:-/tmp/router-cache}"
mkdir -p "$CACHE"
HEAD_PIECES="${HEAD_PIECES:-32}" TAIL_PIECES="${TAIL_PIECES:-16}" LAYERS="${LAYERS:-6}"
build_router
if [ "${1:-}" = "--static" ]; then
  shift
  exec java "${JAVA_OPTS[@]}" -cp "$CP" io.edgerouter.router.train.TrainCommand --data "$DATA" --encoder static \
    --cache "$CACHE/static_table.bin" --model lr:emb@gain \
    --out "$ROOT/router/src/main/resources/io/edgerouter/router/router-weights-static.json" "$@"
fi
exec java "${JAVA_OPTS[@]}" -cp "$CP" io.edgerouter.router.train.TrainCommand --data "$DATA" \
  --cache "$CACHE/emb_h${HEAD_PIECES}_t${TAIL_PIECES}$([ "$LAYERS" = 6 ] || echo "_L$LAYERS").bin" \
  --head "$HEAD_PIECES" --tail "$TAIL_PIECES" --layers "$LAYERS" --model 'ridge100:both+len0.3~fe0.5' \
  --out "$ROOT/router/src/main/resources/io/edgerouter/router/router-weights.json" "$@"
