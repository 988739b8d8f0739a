#!/usr/bin/env bash
# Reproduces the committed router weights from ../shared/data (never copied into the repository):
#   bench/router.d/train.sh            the default static-MiniLM model, trained on every family under ../shared/data
#                                      after its leave-one-family-out table (printed and recorded in the weights file)
#                                      -> router/src/main/resources/io/edgerouter/router/router-weights.json
#   bench/router.d/train.sh --minilm   the model over MiniLM forward passes (38 RouteLLM MMLU subjects, as before)
#                                      -> .../router-weights-minilm.json
# Scratch files live outside the repository in ${ROUTER_CACHE:-/tmp/router-cache}: the static table (every word piece
# through MiniLM once, ~1-2 minutes on 2 cores) and the per-prompt embeddings of a window (2-4 minutes). Extra arguments
# go to TrainCommand (e.g. --model ridge3000:both@gain); for --minilm the window and depth come from HEAD_PIECES,
# TAIL_PIECES and LAYERS (defaults: the committed 32 + 16, 6 layers).
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
DATA="$ROOT/../shared/data"
CACHE="${ROUTER_CACHE:-/tmp/router-cache}"
OUT="$ROOT/router/src/main/resources/io/edgerouter/router"
mkdir -p "$CACHE"
HEAD_PIECES="${HEAD_PIECES:-32}" TAIL_PIECES="${TAIL_PIECES:-16}" LAYERS="${LAYERS:-6}"
build_router
if [ "${1:-}" = "--minilm" ]; then
  shift
  exec java "${JAVA_OPTS[@]}" -cp "$CP" io.edgerouter.router.train.TrainCommand --data "$DATA/routing/mmlu" \
    --cache "$CACHE/emb_h${HEAD_PIECES}_t${TAIL_PIECES}$([ "$LAYERS" = 6 ] || echo "_L$LAYERS").bin" \
    --head "$HEAD_PIECES" --tail "$TAIL_PIECES" --layers "$LAYERS" --model 'ridge100:both+len0.3~fe0.5' \
    --out "$OUT/router-weights-minilm.json" "$@"
fi
exec java "${JAVA_OPTS[@]}" -cp "$CP" io.edgerouter.router.train.TrainCommand --data "$DATA" --encoder static \
  --cache "$CACHE/static_table.bin" --model 'ridge10000:both@many+len0.3~fe1' --out "$OUT/router-weights.json" "$@"
